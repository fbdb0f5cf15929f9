/**
 * Options every Allot collection schema shares: unknown fields throw on write (`strict`) and in
 * filters (`strictQuery`), no `__v` (customers carry an explicit `version` for compare-and-set),
 * createdAt / updatedAt kept by mongoose.
 */
export function collectionOptions<C extends string>(collection: C) {
  return {
    collection,
    strict: 'throw',
    strictQuery: 'throw',
    versionKey: false,
    timestamps: true,
    minimize: false,
  } as const;
}

/** The same for append-only collections: an explicit `at`, never an updatedAt. */
export function appendOnlyOptions<C extends string>(collection: C) {
  return {
    collection,
    strict: 'throw',
    strictQuery: 'throw',
    versionKey: false,
    timestamps: false,
    minimize: false,
  } as const;
}

/** Embedded sub-documents: no own `_id`, same strictness as their parent. */
export const subOptions = { _id: false, strict: 'throw', strictQuery: 'throw' } as const;
