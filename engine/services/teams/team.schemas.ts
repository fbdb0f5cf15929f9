import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ObjectIdString } from '../../api/http/common.schemas';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const TeamCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.Optional(Type.String({ maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    /** the rep who manages the team */
    managerRepId: Type.Optional(ObjectIdString),
  },
  { additionalProperties: false },
);
export type TeamCreate = Static<typeof TeamCreateBody>;

export const TeamUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    nameEn: Type.Optional(Type.String({ maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    /** null removes the manager */
    managerRepId: Type.Optional(Nullable(ObjectIdString)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type TeamUpdate = Static<typeof TeamUpdateBody>;

export const TeamView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  description: Nullable(Type.String()),
  manager: Nullable(Type.Object({ repId: Type.String(), name: Type.String() })),
  /** reps of the team that have not departed */
  memberCount: Type.Integer(),
  activeCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type TeamViewT = Static<typeof TeamView>;
