/**
 * The print pages' app: no sidebar, no toasts, no live updates; one report drawn once, at fixed sizes,
 * with animations off. When the report and everything it draws have loaded and the fonts are ready,
 * the root says so (`data-report-ready`), which is what the printers wait for; a failure says so too
 * (`data-report-error`), so a printer stops with the back end's message instead of a timeout.
 */
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-600.css';
import '@fontsource/inter/latin-700.css';
import '@fontsource/inter/latin-ext-400.css';
import '@fontsource/inter/latin-ext-600.css';
import '../screens/overview/overview.css';
import './print.css';
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiProvider, useApi } from '../api/api-context';
import type { RendererApi } from '../api/renderer-api';
import { toApiError } from '../api/api-error';
import { createQueryClient } from '../queries/query-client';
import { LeadershipReportPage } from './leadership-report-page';
import { MinutesReportPage } from './minutes-report-page';
import type { PrintRoute } from './print-route';

function markRoot(name: 'reportReady' | 'reportError', value: string): void {
  document.documentElement.dataset[name] = value;
}

/**
 * After React has drawn, the charts have measured and re-drawn, and every font has loaded; then, when
 * the page was opened for the browser's print dialog (`&dialog=1`), that dialog.
 */
function useReadyWhen(ready: boolean, dialog: boolean): void {
  useEffect(() => {
    if (!ready) return undefined;
    let cancelled = false;
    const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    void (async () => {
      await frame();
      await frame();
      await document.fonts.ready;
      await frame();
      if (cancelled) return;
      markRoot('reportReady', 'true');
      if (dialog) window.print();
    })();
    return () => {
      cancelled = true;
    };
  }, [ready, dialog]);
}

function LeadershipPrint({ route }: { route: PrintRoute }): ReactNode {
  const api = useApi();
  const report = useQuery({
    queryKey: ['reports', 'leadership', route.accountId, route.period, route.allAgents],
    queryFn: () => api.invoke('reports:leadership', { accountId: route.accountId, period: route.period, allAgents: route.allAgents }),
    retry: false,
  });
  // Everything the page draws is in the report (the plan's progress chart reads the overview's plan):
  // no second read of the workspace while the back end prints.
  const error = report.error;
  useEffect(() => {
    if (error !== null) markRoot('reportError', toApiError(error).message);
  }, [error]);
  useReadyWhen(report.isSuccess, route.dialog);
  if (error !== null) return <p role="alert">The report could not be made: {toApiError(error).message}</p>;
  if (!report.isSuccess) return <p>Preparing the report…</p>;
  return <LeadershipReportPage report={report.data} paper={route.paper} />;
}

function MinutesPrint({ route, meetingId }: { route: PrintRoute; meetingId: string }): ReactNode {
  const api = useApi();
  const report = useQuery({ queryKey: ['reports', 'minutes', meetingId], queryFn: () => api.invoke('reports:minutes', { meetingId }), retry: false });
  const error = report.error;
  useEffect(() => {
    if (error !== null) markRoot('reportError', toApiError(error).message);
  }, [error]);
  useReadyWhen(report.isSuccess, route.dialog);
  if (error !== null) return <p role="alert">The minutes could not be made: {toApiError(error).message}</p>;
  if (!report.isSuccess) return <p>Preparing the minutes…</p>;
  return <MinutesReportPage report={report.data} paper={route.paper} />;
}

export function PrintApp({ api, route }: { api: RendererApi; route: PrintRoute }): ReactNode {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => {
    document.documentElement.classList.add('print-mode');
    document.title = route.report === 'minutes' ? 'Agent Warden — review minutes' : 'Agent Warden — leadership report';
  }, [route.report]);
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        {route.report === 'minutes' && route.meetingId !== null ? <MinutesPrint route={route} meetingId={route.meetingId} /> : <LeadershipPrint route={route} />}
      </QueryClientProvider>
    </ApiProvider>
  );
}
