import Link from "next/link";
import type { InvitationFunnel } from "@/lib/invitations/funnel";

/*
 * Drawn on the server as SVG: no chart library, no JavaScript in the browser. The drawings are aria-hidden; the
 * tables carry the same numbers, so a screen reader reads numbers instead of shapes. Sizes are percentages of the
 * width and colours Tailwind classes (fill-*), so the chart fits a 390 px phone and follows light and dark.
 */

type Stage = { key: "sent" | "opened" | "accepted" | "expired" | "revoked"; label: string; bar: string };

const STAGES: Stage[] = [
  { key: "sent", label: "Sent", bar: "fill-brand-600" },
  { key: "opened", label: "Opened", bar: "fill-brand-500" },
  { key: "accepted", label: "Accepted", bar: "fill-brand-700" },
  { key: "expired", label: "Expired", bar: "fill-zinc-400" },
  { key: "revoked", label: "Revoked", bar: "fill-zinc-600" },
];

const ROW_HEIGHT = 36;
const TREND_HEIGHT = 56;

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));
const dayLabel = (date: string) =>
  new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));

function StageBars({ funnel }: { funnel: InvitationFunnel }) {
  return (
    <svg aria-hidden="true" focusable="false" width="100%" height={STAGES.length * ROW_HEIGHT} className="block">
      {STAGES.map((stage, index) => {
        const value = funnel[stage.key];
        const top = index * ROW_HEIGHT;
        // A stage with any invitation keeps a sliver of a bar, so that 1 of 500 does not look like none.
        const width = value === 0 ? 0 : Math.max(1, (value / Math.max(funnel.sent, 1)) * 100);
        return (
          <g key={stage.key}>
            <text x="0" y={top + 13} className="fill-zinc-700 text-xs">
              {stage.label}
            </text>
            <text x="100%" y={top + 13} textAnchor="end" className="fill-zinc-900 text-xs font-semibold">
              {value}
            </text>
            <rect x="0" y={top + 19} width="100%" height="10" rx="5" className="fill-zinc-100" />
            {width > 0 && <rect x="0" y={top + 19} width={`${width.toFixed(2)}%`} height="10" rx="5" className={stage.bar} />}
          </g>
        );
      })}
    </svg>
  );
}

function Trend({ series }: { series: InvitationFunnel["series"] }) {
  const highest = Math.max(1, ...series.map((day) => Math.max(day.created, day.accepted)));
  const slot = 100 / Math.max(series.length, 1);
  const heightOf = (count: number) => (count / highest) * (TREND_HEIGHT - 4);
  return (
    <svg aria-hidden="true" focusable="false" width="100%" height={TREND_HEIGHT} className="block">
      <line x1="0" x2="100%" y1={TREND_HEIGHT - 0.5} y2={TREND_HEIGHT - 0.5} className="stroke-zinc-200" />
      {series.map((day, index) => (
        <g key={day.date}>
          {day.created > 0 && (
            <rect
              x={`${(index * slot + slot * 0.1).toFixed(3)}%`}
              y={TREND_HEIGHT - heightOf(day.created)}
              width={`${(slot * 0.8).toFixed(3)}%`}
              height={heightOf(day.created)}
              className="fill-zinc-300"
            />
          )}
          {day.accepted > 0 && (
            <rect
              x={`${(index * slot + slot * 0.3).toFixed(3)}%`}
              y={TREND_HEIGHT - heightOf(day.accepted)}
              width={`${(slot * 0.4).toFixed(3)}%`}
              height={heightOf(day.accepted)}
              className="fill-brand-600"
            />
          )}
        </g>
      ))}
    </svg>
  );
}

/** The funnel of the last `funnel.days` days: five stages as bars, the acceptance rate in words, and a daily trend. */
export function FunnelChart({ funnel }: { funnel: InvitationFunnel }) {
  const period = `the last ${funnel.days} days`;
  if (funnel.sent === 0) {
    return (
      <section aria-labelledby="invite-funnel-title" className="w-full basis-full border-t border-zinc-200 pt-4">
        <h3 id="invite-funnel-title" className="text-sm font-semibold">
          Overview
        </h3>
        <p className="mt-1 text-sm text-zinc-600" data-testid="funnel-empty">
          No invitations in {period}.{" "}
          <Link href="/dashboard/invites" className="font-semibold text-brand-600 hover:text-brand-700">
            Send one
          </Link>
        </p>
      </section>
    );
  }
  const rate = percent(funnel.accepted, funnel.sent);
  const first = funnel.series[0]?.date;
  const last = funnel.series.at(-1)?.date;
  const rows = [
    ...STAGES.map((stage) => ({ key: stage.key, label: stage.label, value: funnel[stage.key] })),
    { key: "pending", label: "Still pending", value: funnel.pending },
    { key: "declined", label: "Declined", value: funnel.declined },
  ];
  return (
    <section
      aria-labelledby="invite-funnel-title"
      data-testid="invite-funnel"
      className="w-full min-w-0 basis-full space-y-4 border-t border-zinc-200 pt-4"
    >
      <div>
        <h3 id="invite-funnel-title" className="text-sm font-semibold">
          Overview of {period}
        </h3>
        <p className="mt-1 text-sm text-zinc-600" data-testid="funnel-rate">
          {funnel.accepted} of {funnel.sent} {funnel.sent === 1 ? "invitation" : "invitations"} sent were accepted: {rate}%.{" "}
          {funnel.pending} still pending{funnel.declined > 0 ? `, ${funnel.declined} declined` : ""}.
        </p>
      </div>

      <StageBars funnel={funnel} />
      {/* Hidden by its wrapper: a table given sr-only itself keeps its content's width and widens a phone's page. */}
      <div className="sr-only">
        <table data-testid="funnel-table">
          <caption>Invitations created in {period}, by how far they got</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Invitations</th>
              <th scope="col">Share of those sent</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-stage={row.key}>
                <th scope="row">{row.label}</th>
                <td>{row.value}</td>
                <td>{percent(row.value, funnel.sent)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div>
        <p className="text-xs font-medium text-zinc-500">Each day</p>
        <Trend series={funnel.series} />
        <div className="mt-1 flex flex-wrap items-center justify-between gap-x-4 gap-y-1 text-xs text-zinc-500">
          <span>
            {first && dayLabel(first)} – {last && dayLabel(last)} (UTC)
          </span>
          <span className="flex items-center gap-3">
            <span className="flex items-center gap-1">
              <span aria-hidden="true" className="inline-block size-2.5 rounded-sm bg-zinc-300" /> created
            </span>
            <span className="flex items-center gap-1">
              <span aria-hidden="true" className="inline-block size-2.5 rounded-sm bg-brand-600" /> accepted
            </span>
          </span>
        </div>
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-xs font-medium text-zinc-600 hover:text-zinc-900">The numbers of each day</summary>
          <table className="mt-2 w-full text-left text-xs tabular-nums" data-testid="funnel-days">
            <caption className="sr-only">Invitations created and first accepted each day of {period}</caption>
            <thead className="text-zinc-500">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  Day (UTC)
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Created
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Accepted
                </th>
              </tr>
            </thead>
            <tbody className="text-zinc-800">
              {funnel.series.map((day) => (
                <tr key={day.date} className="border-t border-zinc-100">
                  <th scope="row" className="py-1 font-normal">
                    {dayLabel(day.date)}
                  </th>
                  <td className="py-1 text-right">{day.created}</td>
                  <td className="py-1 text-right">{day.accepted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </div>
    </section>
  );
}
