import { Schema } from 'mongoose';
import { subOptions } from '../schema-options';

/** A sentence in both UI languages (LocalizedText). */
export const localizedTextSchema = new Schema(
  {
    'zh-CN': { type: String, required: true, maxlength: 5000 },
    en: { type: String, required: true, maxlength: 5000 },
  },
  subOptions,
);

export const ACTOR_KINDS = ['user', 'apiToken', 'system', 'workflow'] as const;

/** Who did something: a logged-in user, an integration token, the system, or a workflow. */
export const actorSchema = new Schema(
  {
    kind: { type: String, enum: ACTOR_KINDS, required: true },
    id: { type: String, maxlength: 200 },
    name: { type: String, maxlength: 200 },
  },
  subOptions,
);

export const integer = { validator: Number.isInteger, message: '{PATH} must be an integer / 必须为整数' };
