import { describe, expect, it } from 'vitest';
import { publicUrlFromSetting, tlsFromSettings } from './listenSettings.ts';

describe('STARTEX_PUBLIC_URL', () => {
  it('keeps the origin of an http(s) address and refuses anything else with a message that says how to write it', () => {
    expect(publicUrlFromSetting(undefined)).toBeUndefined();
    expect(publicUrlFromSetting('https://startex.venue.lan:3000/')).toBe('https://startex.venue.lan:3000');
    expect(publicUrlFromSetting('http://192.168.1.20:3000')).toBe('http://192.168.1.20:3000');
    expect(() => publicUrlFromSetting('startex.venue.lan')).toThrow('STARTEX_PUBLIC_URL: "startex.venue.lan" is not a URL; write it as https://host:port.');
    expect(() => publicUrlFromSetting('ftp://startex.venue.lan')).toThrow('use an http:// or https:// address, not ftp:.');
    expect(() => publicUrlFromSetting('https://venue.lan/startex')).toThrow('without a path');
  });
});

describe('STARTEX_TLS_CERT and STARTEX_TLS_KEY', () => {
  it('are both or neither, and a file that cannot be read is named', () => {
    expect(tlsFromSettings(undefined, '')).toBeUndefined();
    expect(() => tlsFromSettings('cert.pem', undefined)).toThrow('Set both STARTEX_TLS_CERT and STARTEX_TLS_KEY');
    expect(() => tlsFromSettings('/nonexistent/cert.pem', '/nonexistent/key.pem')).toThrow('STARTEX_TLS_CERT: cannot read /nonexistent/cert.pem (ENOENT).');
  });
});
