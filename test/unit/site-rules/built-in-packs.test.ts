import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRuleDir, loadCatalogue } from '../../../src/config/catalogue';
import { expandObligations } from '../../../src/core/expand-obligations';
import { flagNotification } from '../../../src/tasks/notify';

const pack = (name: string) => loadCatalogue(join(defaultRuleDir(), `${name}.json`));

describe('the built-in rule packs', () => {
  it('website-inspection-2019 holds the five single-veto rules and the per-column indicators, per site', async () => {
    const catalogue = await pack('website-inspection-2019');
    const vetoes = catalogue.obligations.filter((o) => o.evidence.site?.veto).map((o) => o.id);
    expect(vetoes).toEqual([
      'website-home-stale',
      'website-unreachable',
      'website-veto-stale-columns',
      'website-veto-long-stale-columns',
      'website-veto-blank-columns',
    ]);
    expect(catalogue.obligations.every((o) => o.scope === 'each-site')).toBe(true);
    const thresholds = Object.fromEntries(
      catalogue.obligations.map((o) => {
        const rule = o.evidence.site!;
        return [o.id, rule.measure === 'availability' ? rule.maxFailedShare : rule.atLeast];
      }),
    );
    expect(thresholds).toMatchObject({
      'website-unreachable': 0.05,
      'website-veto-stale-columns': 5,
      'website-veto-long-stale-columns': 10,
      'website-veto-blank-columns': 5,
    });
  });

  it('annual-report binds each department to 31 January and the government to 31 March', async () => {
    const catalogue = await pack('annual-report');
    const byId = new Map(catalogue.obligations.map((o) => [o.id, o]));
    expect(byId.get('annual-report-department')).toMatchObject({
      scope: 'each-unit',
      schedule: { kind: 'annual', dueOn: '01-31' },
    });
    expect(byId.get('annual-report-government')).toMatchObject({
      scope: 'government',
      schedule: { kind: 'annual', dueOn: '03-31' },
    });
  });

  it('privacy judges every site by the personal data it published, every kind by default', async () => {
    const catalogue = await pack('privacy');
    expect(
      catalogue.obligations.map((o) => [o.id, o.scope, o.schedule.kind, o.evidence.personalData]),
    ).toEqual([['privacy-personal-data', 'each-site', 'monthly', {}]]);
  });

  it('are marked with their pack when a catalogue includes them', async () => {
    const catalogue = await loadCatalogue('seeds/jiangmen-2016/catalogue.json');
    const fromPacks = catalogue.obligations.filter((o) => o.pack);
    expect(catalogue.include).toEqual(['website-inspection-2019', 'annual-report', 'privacy']);
    expect(new Set(fromPacks.map((o) => o.pack))).toEqual(new Set(catalogue.include));
    expect(fromPacks).toHaveLength(11);
    const expanded = expandObligations(catalogue, [{ id: 'tourism', units: ['市旅游局'] }]);
    expect(expanded.filter((o) => o.site === 'tourism').length).toBe(9);
  });
});

describe('notifications', () => {
  it('list veto warnings apart from missed deadlines, with the day each veto trips', () => {
    const n = flagNotification(
      '2016-06-06',
      [
        { obligationId: 'budget', periodKey: '2016', due: '2016-05-31', units: ['市财政局'] },
        {
          obligationId: 'website-home-stale--tourism',
          periodKey: 'warning-2016-06-16',
          due: '2016-06-16',
          units: ['市旅游局'],
          kind: 'veto-warning',
        },
      ],
      new Map([['website-home-stale--tourism', '首页栏目2周内有更新']]),
    );
    expect(n.subject).toContain('1 项义务逾期未见公开');
    expect(n.subject).toContain('1 项政府网站单项否决预警');
    const [missed, warnings] = n.message.split('\n\n');
    expect(missed).toContain('budget 2016 (due 2016-05-31)');
    expect(warnings).toMatch(/^政府网站单项否决预警/);
    expect(warnings).toContain(
      'website-home-stale--tourism trips on 2016-06-16 (市旅游局): 首页栏目2周内有更新',
    );
    expect(n.flags[1]?.kind).toBe('veto-warning');
  });
});
