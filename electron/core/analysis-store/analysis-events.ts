/**
 * Announces stored analyses: wraps the runner so that every analysis it actually runs (not one
 * answered from a current stamp) is followed by `analysis:stored`. Windows then re-read what they
 * show without analysing (the scan history's totals, policies' evaluations). Lives outside `store/`
 * so the store stays free of transport concerns.
 */
import type { EventSink } from '../events';
import type { AnalysisRunner } from './analysis-runner';
import { currentAnalysis } from './analysis-store';

export function announceStoredAnalyses(runner: AnalysisRunner, emit: EventSink): AnalysisRunner {
  return {
    get usesWorker() {
      return runner.usesWorker;
    },
    ensure(workspace, scanId) {
      if (currentAnalysis(workspace.read, scanId) !== null) return runner.ensure(workspace, scanId);
      return runner.ensure(workspace, scanId).then((ref) => {
        emit('analysis:stored', { scanId });
        return ref;
      });
    },
    view(workspace, scanId) {
      if (currentAnalysis(workspace.read, scanId) !== null) return runner.view(workspace, scanId);
      // Announced once stored, though the listing may be answered before (from the first view).
      runner.ensure(workspace, scanId).then(
        () => emit('analysis:stored', { scanId }),
        () => undefined,
      );
      return runner.view(workspace, scanId);
    },
    viewAgents(workspace, scanId) {
      if (currentAnalysis(workspace.read, scanId) !== null) return runner.viewAgents(workspace, scanId);
      runner.ensure(workspace, scanId).then(
        () => emit('analysis:stored', { scanId }),
        () => undefined,
      );
      return runner.viewAgents(workspace, scanId);
    },
    handOver: (workspace, scanId, records, moment) => runner.handOver(workspace, scanId, records, moment),
    forget: (scanId) => runner.forget(scanId),
    idle: () => runner.idle(),
    warmUp: () => runner.warmUp(),
    close: () => runner.close(),
  };
}
