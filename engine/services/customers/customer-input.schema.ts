import { Type, type Static } from '@sinclair/typebox';

/** What intake (API, import, integrations) accepts for a new customer. */
const AttributeValue = Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean()]);

export const CUSTOMER_SIZES = ['micro', 'small', 'medium', 'large', 'enterprise'] as const;

export const CustomerFieldsSchema = {
  name: Type.String({ minLength: 1, maxLength: 200, title: '名称 / Name' }),
  company: Type.Optional(Type.String({ maxLength: 200 })),
  phone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[+()\\d\\s-]{3,40}$' })),
  email: Type.Optional(Type.String({ maxLength: 254, format: 'email' })),
  industry: Type.Optional(Type.String({ maxLength: 100 })),
  province: Type.Optional(Type.String({ maxLength: 100 })),
  city: Type.Optional(Type.String({ maxLength: 100 })),
  size: Type.Optional(Type.Union(CUSTOMER_SIZES.map((s) => Type.Literal(s)))),
  source: Type.Optional(Type.String({ maxLength: 100 })),
  language: Type.Optional(Type.String({ maxLength: 20 })),
  productLine: Type.Optional(Type.String({ maxLength: 100 })),
  estimatedValue: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
  churnRisk: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 100 })),
  attributes: Type.Optional(
    Type.Record(Type.String({ pattern: '^[A-Za-z_\\u4e00-\\u9fff][\\w\\u4e00-\\u9fff-]{0,63}$' }), AttributeValue, { maxProperties: 200 }),
  ),
};

export const CustomerIntakeSchema = Type.Object(CustomerFieldsSchema, { additionalProperties: false });
export type CustomerIntake = Static<typeof CustomerIntakeSchema>;
