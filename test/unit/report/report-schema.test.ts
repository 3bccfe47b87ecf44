import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ReportSchema } from '../../../src/report/model';
import { fixtureReport } from '../../fixtures/reports/fixture-report';

const SCHEMA_FILE = 'docs/report.schema.json';

/** The JSON Schema of report.json, as the zod model generates it (output side: what is written). */
function reportSchemaText(): string {
  const generated = z.toJSONSchema(ReportSchema, { io: 'output', unrepresentable: 'any' });
  const { $schema, ...rest } = generated;
  return `${JSON.stringify({ $schema, title: 'Gongkai Monitor compliance report (report.json)', ...rest }, null, 2)}\n`;
}

describe('docs/report.schema.json', () => {
  it('matches what the report model generates', async () => {
    // To regenerate after changing src/report/model.ts: UPDATE_REPORT_SCHEMA=1 npx vitest run test/unit/report
    if (process.env.UPDATE_REPORT_SCHEMA === '1') await writeFile(SCHEMA_FILE, reportSchemaText());
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(reportSchemaText());
  });

  it('describes the fields auditors follow', () => {
    const schema = JSON.parse(reportSchemaText());
    expect(schema.required).toContain('obligations');
    const text = JSON.stringify(schema);
    for (const field of [
      'archived',
      'sha256',
      'fetchedAt',
      'shownDate',
      'complianceRate',
      'insufficient-data',
    ]) {
      expect(text).toContain(field);
    }
  });

  it('accepts the fixture report', () => {
    expect(ReportSchema.safeParse(fixtureReport().report).success).toBe(true);
  });
});
