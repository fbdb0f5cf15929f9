import { Type, type Static } from '@sinclair/typebox';
import { ConditionSchema, type Condition } from '../conditions/condition.schema';
import { text } from '../common/localized';

/** The `$id` of the shared condition schema that `repFilter` refers to. */
export const CONDITION_SCHEMA_ID = ConditionSchema.$id ?? 'Condition';

/**
 * The params of an `assign` (and `reassign`) node. The designer renders its form from this schema:
 * `title` / `description` are the English words, `x-label` / `x-description` carry both languages.
 * Defaults (`default:`) fill a freshly dropped node and are applied by ajv `useDefaults`.
 */

export const StrategyNameSchema = Type.Union(
  [
    Type.Literal('roundRobin', { title: 'Round robin', 'x-label': text('轮询', 'Round robin') }),
    Type.Literal('weightedRoundRobin', { title: 'Weighted round robin', 'x-label': text('加权轮询', 'Weighted round robin') }),
    Type.Literal('leastLoaded', { title: 'Least loaded', 'x-label': text('负载最低优先', 'Least loaded') }),
    Type.Literal('skillMatch', { title: 'Skill match', 'x-label': text('能力匹配', 'Skill match') }),
    Type.Literal('sticky', { title: 'Previous / account owner', 'x-label': text('原负责人优先', 'Previous / account owner') }),
    Type.Literal('specific', { title: 'Specific rep or manager', 'x-label': text('指定销售或主管', 'Specific rep or manager') }),
  ],
  {
    default: 'roundRobin',
    title: 'Strategy',
    description: 'How one rep is picked among the eligible candidates.',
    'x-label': text('分配策略', 'Strategy'),
    'x-description': text('在符合条件的候选销售中如何选出一人。', 'How one rep is picked among the eligible candidates.'),
  },
);
export type StrategyName = Static<typeof StrategyNameSchema>;

/** Every strategy name, in palette order (the registry is keyed by the same union). */
export const STRATEGY_NAMES: readonly StrategyName[] = [
  'roundRobin', 'weightedRoundRobin', 'leastLoaded', 'skillMatch', 'sticky', 'specific',
];

const share = (title: string, zh: string, en: string, zhHelp: string, enHelp: string) =>
  Type.Optional(
    Type.Number({ minimum: 0, maximum: 1, title, description: enHelp, 'x-label': text(zh, en), 'x-description': text(zhHelp, enHelp) }),
  );

const flag = (dflt: boolean, zh: string, en: string, zhHelp: string, enHelp: string) =>
  Type.Boolean({ default: dflt, title: en, description: enHelp, 'x-label': text(zh, en), 'x-description': text(zhHelp, enHelp) });

const weight = (dflt: number, zh: string, en: string) =>
  Type.Number({ minimum: 0, maximum: 100, default: dflt, title: en, 'x-label': text(zh, en) });

export const ConstraintsParamsSchema = Type.Object(
  {
    requireWorkingHours: flag(false, '仅工作时间内', 'Only within working hours',
      '销售所在时区当前不在其工作时间内时不分配。未设置工作时间的销售不受限制。',
      'Skip reps outside their working hours in their own time zone. Reps without working hours are not restricted.'),
    respectCapacity: flag(true, '不超过容量上限', 'Respect capacity',
      '在跟客户数达到容量上限的销售不分配。', 'Skip reps whose open customers have reached their capacity.'),
    respectDailyCap: flag(true, '不超过每日上限', 'Respect daily cap',
      '今日分配数达到每日上限的销售不分配。', "Skip reps whose assignments today have reached their daily cap."),
  },
  {
    default: {},
    additionalProperties: false,
    title: 'Constraints',
    'x-label': text('约束条件', 'Constraints'),
    'x-description': text(
      '离职、休假、前负责人冷却期内和被排除的销售始终不参与分配；以下约束可按需开启。',
      'Departed reps, reps on leave, previous owners in cooldown and excluded reps never take part; these constraints are optional.',
    ),
  },
);

export const QuotasParamsSchema = Type.Object(
  {
    newHireMinShare: share('New-hire minimum share', '新人保底比例', 'New-hire minimum share',
      '本节点分配给新人的最低比例（0–1）。低于该比例且有符合条件的新人时，只在新人中挑选。',
      'Minimum share (0–1) of this node’s assignments that goes to new hires. When it would fall below, the pick is restricted to eligible new hires.'),
    topRepMaxShare: share('Top-rep maximum share', '头部销售上限比例', 'Top-rep maximum share',
      '本节点分配给头部销售的最高比例（0–1）。会超出时，在还有其他符合条件的销售的前提下排除头部销售。',
      'Maximum share (0–1) of this node’s assignments that goes to top reps. When it would be exceeded, top reps are left out as long as another eligible rep remains.'),
  },
  {
    default: {},
    additionalProperties: false,
    title: 'Quotas',
    'x-label': text('配额', 'Quotas'),
    'x-description': text(
      '仅用于轮询、加权轮询、负载最低和能力匹配；原负责人与指定销售策略不受配额影响。',
      'Apply to round robin, weighted round robin, least loaded and skill match; sticky and specific are not affected.',
    ),
  },
);

export const SkillWeightsSchema = Type.Object(
  {
    industry: weight(3, '行业匹配', 'Industry match'),
    region: weight(2, '区域匹配', 'Region match'),
    language: weight(1, '语言匹配', 'Language match'),
    productLine: weight(2, '产品线匹配', 'Product line match'),
    level: weight(2, '级别符合客户等级', 'Level fits grade'),
    winRate: weight(3, '行业赢单率', 'Win rate in industry'),
  },
  {
    default: {},
    additionalProperties: false,
    title: 'Skill weights',
    'x-label': text('能力匹配权重', 'Skill weights'),
    'x-description': text(
      '每项匹配得到对应分值；赢单率按 0–1 乘以其权重。A 级客户要求级别 ≥4，B 级 ≥3，C/D 级不限。',
      'Each match adds its weight; the win rate (0–1) is multiplied by its weight. Grade A wants level ≥ 4, B ≥ 3, C/D any.',
    ),
  },
);

export const SpecificParamsSchema = Type.Object(
  {
    repId: Type.Optional(Type.String({ minLength: 1, title: 'Rep', 'x-label': text('指定销售', 'Rep'), 'x-ref': 'rep' })),
    useTeamManager: Type.Optional(
      Type.Boolean({
        title: 'Team manager',
        description: 'Pick the manager of the first candidate team (manual queue).',
        'x-label': text('团队主管', 'Team manager'),
        'x-description': text('分配给第一个候选团队的主管（人工分配队列）。', 'Pick the manager of the first candidate team (manual queue).'),
      }),
    ),
  },
  { default: {}, additionalProperties: false, title: 'Specific', 'x-label': text('指定对象', 'Specific') },
);

export const AssignParamsSchema = Type.Object(
  {
    candidateTeams: Type.Array(Type.String({ minLength: 1, 'x-ref': 'team' }), {
      default: [],
      uniqueItems: true,
      title: 'Candidate teams',
      description: 'Teams whose reps may be picked; empty means every team.',
      'x-label': text('候选团队', 'Candidate teams'),
      'x-description': text('从这些团队的销售中挑选；留空表示所有团队。', 'Teams whose reps may be picked; empty means every team.'),
    }),
    /**
     * Which reps of those teams are candidates, as conditions over rep facts and their relation to the customer.
     * A reference to the shared `Condition` schema (register ConditionSchema, `$id: 'Condition'`, beside this one);
     * evaluated by the condition layer before the strategy runs.
     */
    repFilter: Type.Optional(
      Type.Unsafe<Condition>(
        Type.Ref(CONDITION_SCHEMA_ID, {
          title: 'Rep filter',
          description: 'Only reps matching these conditions are candidates.',
          'x-label': text('销售筛选条件', 'Rep filter'),
          'x-description': text('只有满足这些条件的销售才是候选人。', 'Only reps matching these conditions are candidates.'),
        }),
      ),
    ),
    strategy: StrategyNameSchema,
    constraints: ConstraintsParamsSchema,
    quotas: QuotasParamsSchema,
    skillWeights: SkillWeightsSchema,
    specific: SpecificParamsSchema,
  },
  { additionalProperties: false, title: 'Assign', 'x-label': text('分配', 'Assign') },
);
export type AssignParams = Static<typeof AssignParamsSchema>;
export type SkillWeights = Static<typeof SkillWeightsSchema>;
export type ConstraintsParams = Static<typeof ConstraintsParamsSchema>;
export type QuotasParams = Static<typeof QuotasParamsSchema>;
