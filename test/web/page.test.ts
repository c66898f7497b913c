/** The served page speaks the UI's default language (§11) before the client has run. */
import { indexHtml } from '../../src/web/page';

describe('the UI page', () => {
  it('is Simplified Chinese before the client sets the chosen language', () => {
    const html = indexHtml({ js: 'a', css: 'b' });
    expect(html).toMatch(/<html lang="zh-CN">/);
    expect(html).toMatch(/<title>[^<]*重点产业链协同<\/title>/);
  });
});
