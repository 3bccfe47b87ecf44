import { describe, expect, it } from 'vitest';
import { escapeMarkup } from '../../../src/core/escape-markup';

describe('escapeMarkup', () => {
  it('escapes every character that could end text or a quoted attribute, and nothing else', () => {
    expect(escapeMarkup(`<a href="x">'通知'&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;通知&#39;&amp;amp;&lt;/a&gt;',
    );
    expect(escapeMarkup('关于2016年第12期的通知')).toBe('关于2016年第12期的通知');
  });
});
