// The configured lists and admin channel: LISTS as OFAC's URLs or paths, bad settings named at start, the bundled default a no-op.
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configureAdapters } from '../../adapters/platforms.ts';
import { loadConfig } from '../../src/config.ts';
import { loadCatalog } from '../../src/designations/catalog.ts';
import { importList } from '../../src/designations/import.ts';
import { bundledListSources, listRefreshSettings, parseAdminChannel, parseListSources } from '../../src/designations/list-sources.ts';
import { refreshLists } from '../../src/designations/refresh.ts';
import { sqlite } from '../helpers/databases.ts';

const OFAC = 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/';

afterAll(() => sqlite.cleanup());

describe('list sources', () => {
  it("reads OFAC's published files, paths and file: URLs, each list under its id", () => {
    const lists = parseListSources(
      `ofac-csv:${OFAC}SDN.CSV,${OFAC}ALT.CSV, ${OFAC}ADD.CSV ; ofac-cons-csv:${OFAC}CONS_PRIM.CSV;` +
        ' eu=ftm: lists/eu.ftm.json file:///srv/lists/more.ftm.json',
    );
    expect(lists).toEqual([
      { id: 'ofac-sdn', format: 'ofac-csv', files: [`${OFAC}SDN.CSV`, `${OFAC}ALT.CSV`, `${OFAC}ADD.CSV`] },
      { id: 'ofac-cons', format: 'ofac-cons-csv', files: [`${OFAC}CONS_PRIM.CSV`] },
      { id: 'eu', format: 'ftm', files: [resolve('lists/eu.ftm.json'), '/srv/lists/more.ftm.json'] },
    ]);
  });

  it('stops the start naming the setting when LISTS, LIST_REFRESH_CRON or ADMIN_CHANNEL is malformed', () => {
    expect(() => loadConfig({ LISTS: 'ofac-xml:https://example.org/sdn.xml' })).toThrow(/LISTS: unknown format "ofac-xml"/);
    expect(() => loadConfig({ LISTS: 'ofac-csv:ftp://ofacftp.treas.gov/sdn.csv' })).toThrow(/LISTS: expected an http\(s\) URL or a file path/);
    expect(() => loadConfig({ LISTS: 'ofac-csv:a.csv; ofac-csv:b.csv' })).toThrow(/LISTS: list ofac-sdn is given twice/);
    expect(() => loadConfig({ LIST_REFRESH_CRON: 'daily' })).toThrow(/LIST_REFRESH_CRON: expected a cron expression/);
    expect(() => loadConfig({ ADMIN_CHANNEL: 'C0123' })).toThrow(/ADMIN_CHANNEL: expected slack:<channel id>/);
    // Checked against the platforms configured, by the composition root.
    expect(() => configureAdapters({}, parseAdminChannel('slack:C0123'))).toThrow(/ADMIN_CHANNEL: a slack channel needs the slack adapter configured to post/);
    expect(() => configureAdapters({ DISCORD_APPLICATION_ID: '123456789012345678' }, parseAdminChannel('discord:123456789012345678'))).toThrow(/ADMIN_CHANNEL: a discord channel needs/);
    expect(() => configureAdapters({ DISCORD_APPLICATION_ID: '123456789012345678' }, parseAdminChannel('console'))).toThrow(/ADMIN_CHANNEL: the console is no channel/);
    expect(configureAdapters({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, parseAdminChannel('slack:C0123')).map((a) => a.platform)).toEqual(['slack']);
    expect(parseAdminChannel('discord:123456789012345678')).toEqual({ platform: 'discord', channelId: '123456789012345678' });
  });

  it('defaults to the bundled files, daily, and the console as admin channel when no chat platform is configured', () => {
    const config = loadConfig({});
    expect(listRefreshSettings(config, { chatConfigured: false })).toEqual({
      origin: 'bundled',
      sources: bundledListSources(),
      schedule: '0 6 * * *',
      adminChannel: { platform: 'console', channelId: 'console' },
    });
    expect(listRefreshSettings(config, { chatConfigured: true }).adminChannel).toBeNull();
    expect(bundledListSources().map((s) => s.id)).toEqual(['ofac-sdn', 'ofac-cons', 'un']);
  });

  it('refreshing from the bundled files changes nothing once they are imported', async () => {
    const store = await sqlite.fresh().open();
    try {
      for (const source of bundledListSources()) await importList(store, source.format, source.files, { listId: source.id });
      const versions = await store.listVersions();
      const catalog = await loadCatalog(store);
      const outcomes = await refreshLists(bundledListSources(), { store, catalog, adminChannel: null });
      expect(outcomes.map((o) => o.summary?.unchanged)).toEqual([true, true, true]);
      expect(await store.listVersions()).toEqual(versions);
    } finally {
      await store.close();
    }
  }, 60_000);
});
