import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeXml, redactSecrets } from '../../lib/report/text-safety.js';

describe('text safety', () => {
  it('masks keys, passwords and secrets in quoted config lines', () => {
    expect(redactSecrets('crypto isakmp key FAKE-key-1 address 10.1.2.1')).toBe(
      'crypto isakmp key <redacted> address 10.1.2.1',
    );
    expect(redactSecrets('crypto isakmp key 6 FAKEenc address 0.0.0.0 0.0.0.0')).toBe(
      'crypto isakmp key 6 <redacted> address 0.0.0.0 0.0.0.0',
    );
    expect(redactSecrets(' pre-shared-key address 10.1.2.1 key FAKE2')).toBe(
      ' pre-shared-key address 10.1.2.1 key <redacted>',
    );
    expect(redactSecrets('enable secret 5 $1$abc')).toBe('enable secret 5 <redacted>');
    expect(redactSecrets('username a password 7 0822455D0A16')).toBe('username a password 7 <redacted>');
    expect(redactSecrets('ip route 10.0.0.0 255.0.0.0 Ethernet1')).toBe('ip route 10.0.0.0 255.0.0.0 Ethernet1');
  });

  it('escapes HTML and XML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u001Fc\td')).toBe('abc\td');
  });
});
