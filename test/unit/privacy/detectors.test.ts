import { describe, expect, it } from 'vitest';
import {
  isBankCardNumber,
  isMobileNumber,
  isResidentId15,
  isResidentId18,
  luhnValid,
  maskValue,
  scanText,
} from '../../../src/core/privacy';

// Check digits computed apart from the code under test (GB 11643 weights, by hand and by script).
const VALID_IDS = ['440703199001011239', '440781198506150028', '11010519491231002X', '440702198802290046'];

describe('resident ID numbers (GB 11643)', () => {
  it('accepts IDs whose check digit, birth date and region hold', () => {
    for (const id of VALID_IDS) expect(isResidentId18(id), id).toBe(true);
    expect(isResidentId18('11010519491231002x')).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isResidentId18('440703199001011234')).toBe(false);
    expect(isResidentId18('110105194912310021')).toBe(false);
  });

  it('rejects impossible birth dates even with a matching check digit', () => {
    // 1990-02-30 and 2015-13-01 with check digits computed for them
    expect(isResidentId18('440703199002301236')).toBe(false);
    expect(isResidentId18('440703201513011231')).toBe(false);
    expect(isResidentId18('440703189001011235')).toBe(false);
  });

  it('rejects region codes no province has', () => {
    // 99 is no province; 440000 names a province, not a county
    expect(isResidentId18('990703199001011234')).toBe(false);
    expect(isResidentId18('440000199001011233')).toBe(false);
  });

  it('reads 15-digit first-generation IDs by region and date', () => {
    expect(isResidentId15('440703900101123')).toBe(true);
    expect(isResidentId15('440703901301123')).toBe(false);
    expect(isResidentId15('000703900101123')).toBe(false);
  });
});

describe('bank cards and mobile numbers', () => {
  it('checks Luhn', () => {
    expect(luhnValid('4367420012345673')).toBe(true);
    expect(luhnValid('4367420012345674')).toBe(false);
  });

  it('takes 16–19 Luhn-valid digits of a card scheme', () => {
    expect(isBankCardNumber('6222021234567890128')).toBe(true);
    expect(isBankCardNumber('6217001234567893')).toBe(true);
    expect(isBankCardNumber('6222021234567890127')).toBe(false);
    expect(isBankCardNumber('621700123456789')).toBe(false); // 15 digits
    expect(isBankCardNumber('0000000000000000')).toBe(false);
  });

  it('knows the mobile number segments', () => {
    expect(isMobileNumber('13800138000')).toBe(true);
    expect(isMobileNumber('19912345678')).toBe(true);
    expect(isMobileNumber('15412345678')).toBe(false);
    expect(isMobileNumber('12012345678')).toBe(false);
  });
});

describe('masking', () => {
  it('keeps the first and last four of an ID or card, three and four of a phone', () => {
    expect(maskValue('resident-id', '440703199001011239')).toBe('4407**********1239');
    expect(maskValue('bank-card', '6217001234567893')).toBe('6217********7893');
    expect(maskValue('mobile', '13800138000')).toBe('138****8000');
  });
});

describe('scanning text', () => {
  const scan = (text: string, context?: string) =>
    scanText({ text, where: 'paragraph 1', ...(context ? { context } : {}) });

  it('finds an ID, a phone and a card with its card word, masked', () => {
    const found = scan(
      '张三，身份证号440703199001011239，电话138-0013-8000，银行卡号 6222 0212 3456 7890 128。',
    );
    expect(found.map((f) => [f.kind, f.masked])).toEqual([
      ['name', '张*'],
      ['resident-id', '4407**********1239'],
      ['mobile', '138****8000'],
      ['bank-card', '6222***********0128'],
    ]);
    for (const f of found) {
      expect(f.where).toBe('paragraph 1');
      expect(f.excerpt).not.toMatch(/\d{9}/);
      expect(f.excerpt).not.toContain('张三');
    }
  });

  it('does not count look-alikes: bad checksums, order numbers, dates, card numbers with no card word', () => {
    expect(scan('订单号 440703199001011234 已受理')).toEqual([]);
    expect(scan('订单编号DD2016031513800138000，流水号 4367420012345673')).toEqual([]);
    expect(scan('发布时间：20160315 10:30，文号 201603150001')).toEqual([]);
    expect(scan('受理编号 6222021234567890128')).toEqual([]);
    expect(scan('咨询电话：0750-3501234，邮编 529000')).toEqual([]);
  });

  it('takes a card word from the column header of a table cell', () => {
    const found = scan('6217001234567893', '开户银行卡号');
    expect(found.map((f) => f.kind)).toEqual(['bank-card']);
  });

  it('counts a 15-digit ID only with an ID word before it', () => {
    expect(scan('身份证：440703900101123').map((f) => f.kind)).toEqual(['resident-id']);
    expect(scan('编号：440703900101123 已登记')).toEqual([]);
  });

  it('never counts an ID again as a phone or card inside it', () => {
    const found = scan('银行卡号 440781198506150028');
    expect(found.map((f) => f.kind)).toEqual(['resident-id']);
  });
});
