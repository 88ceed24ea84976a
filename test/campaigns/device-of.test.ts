import { describe, expect, it, vi } from 'vitest';
import { deviceOf } from '../../src/campaigns/device-of';

// Real user agents (2024–2025 releases), with the touch points their browsers report.
const UA = {
  iphoneSafari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  iphoneChrome: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  androidChrome: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  androidSamsung: 'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  androidFirefox: 'Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0',
  androidTabletChrome: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  galaxyTab: 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  androidTabletFirefox: 'Mozilla/5.0 (Android 14; Tablet; rv:125.0) Gecko/125.0 Firefox/125.0',
  kindleFire: 'Mozilla/5.0 (Linux; Android 9; KFMAWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/124.2.1 like Chrome/124.0.6367.118 Safari/537.36',
  ipadOld: 'Mozilla/5.0 (iPad; CPU OS 12_5_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1',
  ipadChrome: 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  macSafari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  macChrome: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  windowsChrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  windowsEdge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80',
  windowsFirefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
};

describe('deviceOf', () => {
  it.each([
    ['iphoneSafari', 5, 'mobile'],
    ['iphoneChrome', 5, 'mobile'],
    ['androidChrome', 5, 'mobile'],
    ['androidSamsung', 5, 'mobile'],
    ['androidFirefox', 5, 'mobile'],
    ['androidTabletChrome', 10, 'tablet'],
    ['galaxyTab', 10, 'tablet'],
    ['androidTabletFirefox', 10, 'tablet'],
    ['kindleFire', 10, 'tablet'],
    ['ipadOld', 5, 'tablet'],
    ['ipadChrome', 5, 'tablet'],
    // iPadOS 13+ Safari asks for desktop sites with a Mac user agent; only the touch points tell it from a Mac.
    ['macSafari', 5, 'tablet'],
    ['macSafari', 0, 'desktop'],
    ['macChrome', 0, 'desktop'],
    ['windowsChrome', 0, 'desktop'],
    ['windowsChrome', 10, 'desktop'], // a touch-screen laptop is still a desktop
    ['windowsEdge', 0, 'desktop'],
    ['windowsFirefox', 0, 'desktop'],
    ['linuxFirefox', 0, 'desktop'],
  ] as const)('%s with %i touch points is %s', (name, touch, device) => {
    expect(deviceOf(UA[name], touch)).toBe(device);
  });

  it("reads the browser's touch points when none are given", () => {
    vi.spyOn(navigator, 'maxTouchPoints', 'get').mockReturnValue(5);
    expect(deviceOf(UA.macSafari)).toBe('tablet');
    vi.spyOn(navigator, 'maxTouchPoints', 'get').mockReturnValue(0);
    expect(deviceOf(UA.macSafari)).toBe('desktop');
    vi.restoreAllMocks();
  });

  it('an empty or unknown user agent is a desktop', () => {
    expect(deviceOf('', 0)).toBe('desktop');
    expect(deviceOf('curl/8.5.0', 0)).toBe('desktop');
  });
});
