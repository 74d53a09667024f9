import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The channels the index knows; a configuration may score a subset of them. */
export const CHANNELS = ['crm', 'web', 'pos'] as const;
export type Channel = (typeof CHANNELS)[number];

export const COMPONENTS = ['accessibility', 'consistency', 'experience'] as const;
export type Component = (typeof COMPONENTS)[number];

export type Band = 'EXEMPLARY' | 'MODERATE' | 'POOR';

/**
 * How the Omni-channel Integration Index is computed. Every field has the default of DESIGN.md's
 * "default definition"; `omnidex.index.json` overrides any of them (see docs/INDEX.md).
 */
export interface IndexConfig {
  /** Interactions count when they fall in (T − windowDays × 24 h, T]. */
  windowDays: number;
  /** The channels that are scored, in the order results list them. */
  channels: Channel[];
  /** Relative weight of each component inside a channel's score (1/1/1 = a third each). */
  componentWeights: Record<Component, number>;
  /** Relative weight of each channel in the index (equal by default). */
  channelWeights: Record<Channel, number>;
  /** Survivorship tie-break when two profile records have the same time: earlier wins. */
  sourcePriority: Channel[];
  /** Lower bounds of the bands, applied to the unrounded score. */
  bands: { exemplary: number; moderate: number };
}

export const DEFAULT_INDEX_CONFIG: IndexConfig = Object.freeze({
  windowDays: 365,
  channels: ['crm', 'web', 'pos'],
  componentWeights: { accessibility: 1, consistency: 1, experience: 1 },
  channelWeights: { crm: 1, web: 1, pos: 1 },
  sourcePriority: ['crm', 'pos', 'web'],
  bands: { exemplary: 80, moderate: 60 },
}) as IndexConfig;

/** The file `loadIndexConfig` reads when it is given no other path. */
export const DEFAULT_INDEX_CONFIG_FILE = 'omnidex.index.json';

/** Thrown for an unreadable or invalid index configuration; the message names the file and field. */
export class IndexConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexConfigError';
  }
}

const weight = z.number().finite().min(0, 'must be a number ≥ 0');
const channel = z.enum(CHANNELS);

const componentWeightsSchema = z
  .strictObject({
    accessibility: weight.default(DEFAULT_INDEX_CONFIG.componentWeights.accessibility),
    consistency: weight.default(DEFAULT_INDEX_CONFIG.componentWeights.consistency),
    experience: weight.default(DEFAULT_INDEX_CONFIG.componentWeights.experience),
  })
  .refine((w) => COMPONENTS.some((c) => w[c] > 0), 'at least one component weight must be > 0')
  .prefault({});

const channelWeightsSchema = z
  .strictObject({
    crm: weight.default(DEFAULT_INDEX_CONFIG.channelWeights.crm),
    web: weight.default(DEFAULT_INDEX_CONFIG.channelWeights.web),
    pos: weight.default(DEFAULT_INDEX_CONFIG.channelWeights.pos),
  })
  .prefault({});

const bandBound = z.number().finite().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');

const indexConfigSchema = z
  .strictObject({
    // Lets the file point editors at a JSON schema without tripping the unknown-key check.
    $schema: z.string().optional(),
    windowDays: z
      .number()
      .int('must be a whole number of days')
      .positive('must be a positive number of days')
      .default(DEFAULT_INDEX_CONFIG.windowDays),
    channels: z
      .array(channel)
      .min(1, 'must name at least one channel')
      .refine((list) => new Set(list).size === list.length, 'must not repeat a channel')
      .default([...DEFAULT_INDEX_CONFIG.channels]),
    componentWeights: componentWeightsSchema,
    channelWeights: channelWeightsSchema,
    sourcePriority: z
      .array(channel)
      .refine(
        (list) => list.length === CHANNELS.length && new Set(list).size === CHANNELS.length,
        `must list each of ${CHANNELS.join(', ')} exactly once`,
      )
      .default([...DEFAULT_INDEX_CONFIG.sourcePriority]),
    bands: z
      .strictObject({
        exemplary: bandBound.default(DEFAULT_INDEX_CONFIG.bands.exemplary),
        moderate: bandBound.default(DEFAULT_INDEX_CONFIG.bands.moderate),
      })
      .refine((b) => b.moderate <= b.exemplary, {
        message: 'moderate must not be above exemplary',
        path: ['moderate'],
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    if (!config.channels.some((c) => config.channelWeights[c] > 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['channelWeights'],
        message: `at least one scored channel (${config.channels.join(', ')}) must have a weight > 0`,
      });
    }
  });

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
    return issue.keys.map((key) => `${where}${key}: unknown field`).join('; ');
  }
  return `${field}: ${issue.message}`;
}

/**
 * Validates a parsed configuration object (e.g. the JSON file's content); fields left out take the
 * defaults. `origin` names where the object came from in error messages.
 */
export function parseIndexConfig(raw: unknown, origin = 'index configuration'): IndexConfig {
  const result = indexConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const details = result.error.issues.map(describeIssue).join('; ');
    throw new IndexConfigError(`${origin} is not valid: ${details}`);
  }
  const { $schema: _ignored, ...config } = result.data;
  return config;
}

export interface LoadIndexConfigOptions {
  /**
   * The JSON file to read. Without it the defaults are returned unless `omnidex.index.json` exists
   * in `cwd`; a path that is given must exist.
   */
  path?: string;
  /** Where the default file is looked for; the process's working directory by default. */
  cwd?: string;
}

/** Reads and validates the index configuration, failing fast with the file and field at fault. */
export function loadIndexConfig(options: LoadIndexConfigOptions = {}): IndexConfig {
  const explicit = options.path !== undefined;
  const file = options.path ?? `${options.cwd ?? process.cwd()}/${DEFAULT_INDEX_CONFIG_FILE}`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!explicit && code === 'ENOENT') return parseIndexConfig({});
    throw new IndexConfigError(`cannot read index configuration ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new IndexConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new IndexConfigError(`${file} is not valid: (top level): expected a JSON object`);
  }
  return parseIndexConfig(raw, file);
}

/** The band of an unrounded score. */
export function bandOf(score: number, config: IndexConfig): Band {
  if (score >= config.bands.exemplary) return 'EXEMPLARY';
  if (score >= config.bands.moderate) return 'MODERATE';
  return 'POOR';
}
