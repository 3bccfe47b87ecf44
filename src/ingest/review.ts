/**
 * Review reasons ingest attaches to a draft obligation. Each says what the text showed and what a
 * person must decide; docs/ingest.md explains them one by one.
 */
export const REVIEW = {
  unitsCarried: (from: number) =>
    `units carried down from item ${from}: the plan shows none here (a merged cell, or a repeated name lost in flattening), so they may be wrong; confirm the responsible unit`,
  noUnits: 'no responsible unit shown and none to carry down; name the responsible unit',
  noDeadline:
    'no deadline or frequency in the plan; the policy default applies unless a reviewer decides one',
  proseDeadline: (phrase: string) =>
    `deadline only in the task prose ("${phrase}"); confirm it is the deadline`,
  severalFrequencies: (part: string) =>
    `the item states several frequencies and was split; this obligation covers "${part}"`,
  partWithoutFrequency: (part: string) =>
    `part of the item states no frequency ("${part}"); decide its schedule`,
  vagueRegular: (phrase: string) =>
    `"${phrase}" says regularly but not how often; the frequency shown is a guess to confirm`,
  eventNoTrigger: (phrase: string) =>
    `"${phrase}" has no trigger the monitor can see; occurrences must be recorded as events`,
  eventNoLimit: (phrase: string) =>
    `"${phrase}" sets no time limit after the event; the policy default applies unless a reviewer decides one`,
  wholeYear: (phrase: string) =>
    `"${phrase}" read as annual (evidence at least once in the plan year); a reviewer may prefer continuous`,
  continuous: (phrase: string) => `"${phrase}" read as continuous (must stay published); confirm`,
  defersToRule: (phrase: string) =>
    `deadline defers to another rule or authority ("${phrase}"); look it up and decide the schedule`,
  deadlineAndFrequency: (phrase: string) =>
    `the deadline column gives dates but the task also states a frequency ("${phrase}"); decide which governs`,
  deadlineNotUnderstood: (text: string) => `deadline text not understood ("${text}"); decide the schedule`,
  ongoingRule: (phrase: string) =>
    `the deadline text mixes a rule ("${phrase}") with dates; the dates were used, confirm they apply to the whole item`,
  headingOnly: 'heading only: the item has no task text of its own, so the heading stands in as the task',
  lastItemTruncated:
    'last item in the file and it shows no unit or deadline: the rest of the plan may be lost; check the original',
  outOfOrder: (item: number, previous: number) =>
    `item ${item} comes after item ${previous}, out of order: a flattening error is likely; check the original table`,
  repeatedItem: (item: number) =>
    `item number ${item} repeats an earlier one; give the obligations distinct ids`,
  unnumbered: (item: number) =>
    `the plan shows no item numbers; this is row ${item} of the table, numbered in order; check the numbering against the original`,
  unknownLine: (line: string) => `line not understood ("${line}"); it was kept with the task`,
} as const;
