import { describe, expect, it } from 'vitest';
import { looksLikeHtml, stripHtml } from '../../src/mentions/html.ts';

/** Every visible character maps back to raw text that renders it. */
function expectRoundTrip(raw: string, from: number, to: number, rawText: string) {
  const visible = stripHtml(raw);
  expect(raw.slice(visible.rawStart(from), visible.rawEnd(to))).toBe(rawText);
}

describe('looksLikeHtml', () => {
  it('tells markup from text with a < in it', () => {
    expect(looksLikeHtml('<p>SEK Studio</p>')).toBe(true);
    expect(looksLikeHtml('<!DOCTYPE html><html><body>x</body></html>')).toBe(true);
    expect(looksLikeHtml('Before <b>bold</b> after')).toBe(true);
    expect(looksLikeHtml('Sales rose 5% while costs < 3% and x > y.')).toBe(false);
    expect(looksLikeHtml('AT&T and R&D, <none of it markup>')).toBe(false);
  });
});

describe('stripHtml', () => {
  it('keeps visible text, drops tags, comments, scripts and styles', () => {
    const raw =
      '<html><head><title>Sanctions</title><style>p { color: red }</style><script>var a = "<p>SEK Studio</p>";</script></head>' +
      '<body><!-- SEK Studio --><p>SEK <b>Studio</b> was listed.</p><noscript>Enable JS</noscript></body></html>';
    const { text } = stripHtml(raw);
    expect(text).toContain('Sanctions');
    expect(text).toContain('SEK Studio was listed.');
    expect(text).not.toContain('color');
    expect(text).not.toContain('var a');
    expect(text.match(/SEK Studio/g)).toHaveLength(1);
    expect(text).not.toContain('Enable JS');
  });

  it('decodes named, numeric and legacy entities', () => {
    expect(stripHtml('<p>Caf&eacute; &amp; Zak&#237;r &#x2014; &#151; &ldquo;q&rdquo; &nbsp;&hellip;</p>').text.trim()).toBe(
      'Café & Zakír \u2014 \u2014 \u201cq\u201d \u00a0\u2026',
    );
    expect(stripHtml('<p>AT&T &copy 2021 &unknown; &#0;</p>').text.trim()).toBe('AT&T \u00a9 2021 &unknown; \ufffd');
  });

  it('separates blocks, so that words of two paragraphs do not run together', () => {
    expect(stripHtml('<div>Erken</div><div>Tuniyaz</div>').text).toBe('Erken\n\nTuniyaz\n\n');
    expect(stripHtml('<td>a</td><td>b</td>').text).toBe('a b ');
    expect(stripHtml('one<br>two<br/>three').text).toBe('one\ntwo\nthree');
  });

  it('maps visible offsets back to the raw markup', () => {
    const raw = '<p class="x>y">The <b>SEK</b> Studio &amp; Zak&iacute;r</p>';
    const { text } = stripHtml(raw);
    const from = text.indexOf('SEK');
    expectRoundTrip(raw, from, from + 'SEK Studio'.length, 'SEK</b> Studio');
    const zakir = text.indexOf('Zakír');
    expectRoundTrip(raw, zakir, zakir + 'Zakír'.length, 'Zak&iacute;r');
    const amp = text.indexOf('&');
    expectRoundTrip(raw, amp, amp + 1, '&amp;');
  });

  it('reads CDATA as text and survives unclosed markup', () => {
    expect(stripHtml('<description><![CDATA[SEK Studio <i>&amp;</i>]]></description>').text.trim()).toBe('SEK Studio <i>&amp;</i>');
    expect(stripHtml('<p>Open <b>end').text.trim()).toBe('Open end');
    expect(stripHtml('a < b <3 and <!-- unclosed').text).toBe('a < b <3 and ');
    expect(stripHtml('').text).toBe('');
  });
});
