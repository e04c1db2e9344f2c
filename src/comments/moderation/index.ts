// Public surface of the comment moderation core; other modules import from here.

export { contentPhases, moderate, phases, runPhases, screenText, type NamedPhase } from './pipeline.ts';
export { createContext, type ModerationContext } from './context.ts';
export {
  defaultConfig,
  reasonCodes,
  type AuthorFacts,
  type Decision,
  type ModerationConfig,
  type ModerationInput,
  type ModerationSubject,
  type PhaseResult,
  type Reason,
  type ReasonCode,
  type ReplyFacts,
  type Span,
  type Verdict,
} from './types.ts';
export { parseModel, score, train, type Example, type Model, type TrainOptions } from './classifier.ts';
export { loadModel, modelPath, saveModel, shippedModelPath } from './model-file.ts';
export { shippedModel } from './shipped-model.ts';
export { trainSeedModel } from './seed-model.ts';
export { buildIdf, type IdfTable } from './tfidf.ts';
export { messages } from './explain.ts';
export {
  buildSeedModelCommand,
  checkCommand,
  evalCommand,
  evaluate,
  formatVerdict,
  parseLabel,
  parseLabelledCsv,
  parseSubject,
  trainCommand,
  type CheckCommandOptions,
  type CheckSummary,
  type EvalCommandOptions,
  type EvalMetrics,
  type TrainCommandOptions,
  type TrainReport,
} from './cli.ts';
