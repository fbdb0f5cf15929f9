import { Schema, type InferRawDocTypeFromSchema, type InferSchemaType } from 'mongoose';
import { LOCALES } from '../../core/common/localized';
import { markChangesPlugin } from '../change-generation';
import { collectionOptions } from '../schema-options';

export const USER_ROLES = ['admin', 'manager', 'rep'] as const;

export const userSchema = new Schema(
  {
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 254, match: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ },
    name: { type: String, trim: true, maxlength: 100 },
    /** bcrypt hash; never selected unless asked for (`.select('+passwordHash')`) */
    passwordHash: { type: String, required: true, minlength: 20, maxlength: 200, select: false },
    role: { type: String, enum: USER_ROLES, required: true },
    /** the rep this login is (role rep) */
    repId: { type: Schema.Types.ObjectId, ref: 'Rep' },
    /** teams a manager manages */
    managedTeamIds: { type: [{ type: Schema.Types.ObjectId, ref: 'Team' }], default: [] },
    locale: { type: String, enum: LOCALES, required: true, default: 'zh-CN' },
    disabled: { type: Boolean, required: true, default: false },
    lastLoginAt: { type: Date },
    /** bumped to end every session of this user (logout everywhere, password change, disable) */
    sessionVersion: { type: Number, required: true, default: 0, min: 0 },
  },
  collectionOptions('users'),
);

userSchema.index({ email: 1 }, { unique: true });
// writes drop this process's short-lived caches of it at once (change-generation.ts)
userSchema.plugin(markChangesPlugin('users'));
userSchema.index({ repId: 1 }, { unique: true, sparse: true });

userSchema.pre('validate', function checkRoleLinks() {
  if (this.role === 'rep' && !this.repId) this.invalidate('repId', 'a rep user needs repId / 销售账号必须关联销售');
  if (this.role === 'manager' && this.managedTeamIds.length === 0) {
    this.invalidate('managedTeamIds', 'a manager user needs at least one team / 主管账号至少管理一个团队');
  }
});

export type UserDoc = InferSchemaType<typeof userSchema>;
/** stored shape (plain arrays, as `.lean()` and `toObject()` give it) */
export type UserRaw = InferRawDocTypeFromSchema<typeof userSchema>;
