import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { letterTemplate } from './activation-letter.ts';

// Issue 13 item 6: start passwords are accepted in any letter case and spacing (the server
// compares them so; bff/test/security/login-start-password.test.ts), and the letter says so.
describe('activation letter: how to type the start password', () => {
  it('says letter case and spaces do not matter, and no longer that they do', () => {
    const box = document.createElement('div');
    render(
      letterTemplate({
        displayName: 'Jan Brzeziński',
        address: 'ul. Zamkowa 4 m. 2, 95-200 Pabianice',
        login: 'kx7m-p9rt',
        oneTimePassword: 'abcd2345efgh',
        expiresAt: '2026-12-01T12:00:00Z',
        portalUrl: 'https://strefa.example.pl',
        issuedBy: 'demo-clerk',
        issuedAt: new Date('2026-11-17T10:00:00Z'),
      }),
      box,
    );
    const text = box.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('wielkość liter i spacje nie mają znaczenia');
    expect(text).not.to.contain('wielkość liter ma znaczenie');
  });
});
