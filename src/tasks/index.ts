/**
 * The sweep's task functions, keyed by the name of the ASL state that calls them. The local runner
 * (src/local/sweep-runner.ts) dispatches through this table; each Lambda entry (functions/) imports
 * only its own binding, so its bundle carries only its own task, and a test checks that every entry
 * binds exactly the table's task for its state.
 */
import type { TaskStateName } from './contracts';
import { CrawlSourceTask, RecordCrawlFailureTask } from './crawl-source';
import type { TaskDeps } from './deps';
import { EvaluateVerdictsTask } from './evaluate-verdicts';
import { ListSourcesTask } from './list-sources';
import { MatchEvidenceTask } from './match-evidence';
import { NotifyTask } from './notify';
import { RaiseFlagsTask } from './raise-flags';
import { runBinding, type TaskBinding } from './task';
import { WriteReportTask } from './write-report';

export const TASKS: Record<TaskStateName, TaskBinding> = {
  ListSources: ListSourcesTask,
  CrawlSource: CrawlSourceTask,
  RecordCrawlFailure: RecordCrawlFailureTask,
  MatchEvidence: MatchEvidenceTask,
  EvaluateVerdicts: EvaluateVerdictsTask,
  RaiseFlags: RaiseFlagsTask,
  Notify: NotifyTask,
  WriteReport: WriteReportTask,
};

/** Validates a state's input (naming the wrong path) and runs its task. */
export function runTask(name: TaskStateName, event: unknown, deps: TaskDeps): Promise<unknown> {
  return runBinding(TASKS[name], event, deps);
}
