import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../server/console/api';
import { App } from '../../server/console/components/App';
import { businessHoursProblem, defaultBusinessHours } from '../../server/console/business-hours';
import { createFakeAdminApi, type FakeAdmin } from './fake-admin-api';
import { demoSite } from './fixtures';
import { byLabel, byText, choose, click, find, mount, submit, type, waitFor } from './render';

const SECRET = 'sk_0123456789abcdefghijklmnopqrstuv';

async function settings(fake: FakeAdmin) {
  history.replaceState(null, '', '/console/sites/demo?site=demo');
  const root = await mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
  await waitFor(() => find(root, '.chat-settings'));
  return root;
}

const form = (root: HTMLElement) => find<HTMLFormElement>(root, '.chat-settings');
const aria = <T extends HTMLElement = HTMLInputElement>(root: HTMLElement, label: string) => find<T>(root, `[aria-label="${label}"]`);
const patches = (fake: FakeAdmin) => fake.requests.filter((r) => r.method === 'PATCH');

describe('chat settings', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = createFakeAdminApi({
      loggedIn: true,
      sites: [demoSite],
      siteDetails: {
        demo: {
          identitySecret: SECRET,
          chat: { enabled: true, businessHours: null, requireVerification: false, replyTimeMinutes: 5 },
          feedback: { scale: 'stars' },
        },
      },
    });
  });
  afterEach(() => history.replaceState(null, '', '/'));

  it("shows the site's chat settings as stored", async () => {
    const root = await settings(fake);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/v1/admin/sites/demo')).toBe(true);
    expect(byLabel(root, /Chat enabled/).checked).toBe(true);
    expect(byLabel(root, /Any time/).checked).toBe(true);
    expect(root.querySelector('.hours')).toBeNull();
    expect(byLabel(root, 'Reply time (minutes)').value).toBe('5');
    expect(byLabel(root, /Require identity verification/).checked).toBe(false);
    expect(byLabel<HTMLSelectElement>(root, 'Feedback scale').value).toBe('stars');
  });

  it('saves business hours, verification, reply time and the feedback scale', async () => {
    const root = await settings(fake);
    await click(byLabel(root, /During business hours/));
    // Starts from office hours in the site's time zone.
    expect(byLabel(root, 'Time zone of these hours').value).toBe('Asia/Tokyo');
    expect(aria(root, 'Monday opens').value).toBe('09:00');
    expect(find(root, '.hours-day:nth-child(7)').textContent).toContain('Closed');
    await type(aria(root, 'Monday closes'), '17:30');
    await click(byText(root, '+ Add hours', 'li:nth-child(6) button'));
    await type(aria(root, 'Saturday opens'), '10:00');
    await type(aria(root, 'Saturday closes'), '14:00');
    await click(byText(root, '+ Add hours', 'li:nth-child(3) button'));
    await type(aria(root, 'Wednesday opens (2)'), '19:00');
    await type(aria(root, 'Wednesday closes (2)'), '21:00');
    await click(aria<HTMLButtonElement>(root, 'Remove Friday 09:00–18:00'));
    await type(byLabel(root, 'Reply time (minutes)'), '15');
    await click(byLabel(root, /Require identity verification/));
    await choose(byLabel<HTMLSelectElement>(root, 'Feedback scale'), 'nps');
    await submit(form(root));
    await waitFor(() => expect(form(root).textContent).toContain('Saved.'));
    expect(patches(fake)).toHaveLength(1);
    expect(patches(fake)[0]).toEqual({
      method: 'PATCH',
      path: '/v1/admin/sites/demo',
      body: {
        chat: {
          enabled: true,
          businessHours: {
            timezone: 'Asia/Tokyo',
            days: {
              mon: [['09:00', '17:30']],
              tue: [['09:00', '18:00']],
              wed: [
                ['09:00', '18:00'],
                ['19:00', '21:00'],
              ],
              thu: [['09:00', '18:00']],
              fri: [],
              sat: [['10:00', '14:00']],
              sun: [],
            },
          },
          requireVerification: true,
          replyTimeMinutes: 15,
        },
        feedback: { scale: 'nps' },
      },
    });
    // Back to "any time": hours are not sent, and coming back to business hours keeps what was typed.
    await click(byLabel(root, /Any time/));
    await click(byLabel(root, /During business hours/));
    expect(aria(root, 'Monday closes').value).toBe('17:30');
    await click(byLabel(root, /Any time/));
    await click(byLabel(root, /Chat enabled/));
    await submit(form(root));
    await waitFor(() => expect(patches(fake)).toHaveLength(2));
    expect(patches(fake)[1]!.body).toMatchObject({ chat: { enabled: false, businessHours: null } });
  });

  it('refuses settings that make no sense before sending them, and shows what the server refuses', async () => {
    const root = await settings(fake);
    const alert = () => find(form(root), '[role="alert"]').textContent;
    for (const bad of ['0', '2.5', '', 'abc', '20000']) {
      await type(byLabel(root, 'Reply time (minutes)'), bad);
      await submit(form(root));
      expect(alert()).toBe('Reply time is a whole number of minutes from 1 to 10080 (a week).');
    }
    await type(byLabel(root, 'Reply time (minutes)'), '10');
    await click(byLabel(root, /During business hours/));
    await type(aria(root, 'Tuesday opens'), '18:00');
    await type(aria(root, 'Tuesday closes'), '18:00');
    await submit(form(root));
    expect(alert()).toBe('Tuesday: 18:00–18:00 opens and closes at the same time.');
    await type(aria(root, 'Tuesday opens'), '09:00');
    await type(aria(root, 'Tuesday closes'), '18:00');
    await type(byLabel(root, 'Time zone of these hours'), 'Mars/Olympus');
    await submit(form(root));
    expect(alert()).toBe('“Mars/Olympus” is not a time zone such as Asia/Tokyo or Europe/Paris.');
    expect(patches(fake)).toHaveLength(0);

    await type(byLabel(root, 'Time zone of these hours'), 'Europe/Paris');
    fake.failNext('PATCH', '/sites/demo', 400, 'invalid_chat', 'replyTimeMinutes is too large for this collector');
    await submit(form(root));
    await waitFor(() => expect(alert()).toBe('replyTimeMinutes is too large for this collector'));
    expect(form(root).textContent).not.toContain('Saved.');
  });

  it('keeps the identity secret hidden until asked, and explains how to sign a token', async () => {
    const root = await settings(fake);
    const panel = find(root, '.identity');
    expect(panel.textContent).not.toContain(SECRET);
    await click(byText(panel, 'Show secret'));
    expect(find(panel, '.secret code').textContent).toBe(SECRET);
    await click(byText(panel, 'Hide secret'));
    expect(panel.textContent).not.toContain(SECRET);
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void (copied = text) },
    });
    await click(byText(panel, 'Copy secret'));
    await waitFor(() => expect(copied).toBe(SECRET));
    const example = find(panel, 'pre').textContent!;
    expect(example).toContain("setProtectedHeader({ alg: 'HS256' })");
    expect(example).toContain('.setSubject(String(userId))');
    expect(example).toContain(".setExpirationTime('10m')");
    expect(example).toContain('kizuna.identify(user.id, { name: user.name, email: user.email }, { token })');
    // The example never embeds the real secret: it reads it from the environment.
    expect(example).not.toContain(SECRET);
  });
});

describe('business hours rules', () => {
  it('accepts office hours and refuses bad times and overlaps', () => {
    const hours = defaultBusinessHours('UTC');
    expect(businessHoursProblem(hours)).toBeNull();
    expect(businessHoursProblem({ ...hours, days: { ...hours.days, mon: [['9:00', '18:00']] } })).toBe(
      'Monday: write times as HH:MM, from 00:00 to 23:59.',
    );
    expect(businessHoursProblem({ ...hours, days: { ...hours.days, sun: [['24:00', '24:30']] } })).toBe(
      'Sunday: write times as HH:MM, from 00:00 to 23:59.',
    );
    expect(
      businessHoursProblem({
        ...hours,
        days: {
          ...hours.days,
          thu: [
            ['13:00', '18:00'],
            ['09:00', '13:30'],
          ],
        },
      }),
    ).toBe('Thursday: 09:00–13:30 and 13:00–18:00 overlap.');
    // Closing before opening runs past midnight (the collector reads it so), and 24:00 closes at midnight.
    const late = { ...hours, days: { ...hours.days, fri: [['18:00', '02:00']], sat: [['20:00', '24:00']] } } as typeof hours;
    expect(businessHoursProblem(late)).toBeNull();
    expect(
      businessHoursProblem({
        ...hours,
        days: {
          ...hours.days,
          fri: [
            ['09:00', '12:00'],
            ['22:00', '03:00'],
            ['23:00', '23:30'],
          ],
        },
      }),
    ).toBe('Friday: 22:00–03:00 and 23:00–23:30 overlap.');
  });
});
