import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('uses the documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.mongodbUri).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve('.omnidex'));
    expect(config.gatewayPort).toBe(4000);
    expect(config.subgraphPorts).toEqual({ crm: 4001, web: 4002, pos: 4003, identity: 4004, insights: 4005 });
    expect(config.indexConfigPath).toBeUndefined();
    expect(config.development).toBe(true);
    expect(config.subgraphUrls.pos).toBe('http://127.0.0.1:4003/graphql');
    expect(config.maxRowBytes).toBe(1024 * 1024);
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      MONGODB_URI: 'mongodb://db:27017',
      OMNIDEX_DATA_DIR: '/var/lib/omnidex',
      PORT: '8080',
      OMNIDEX_WEB_PORT: '0',
      NODE_ENV: 'production',
      OMNIDEX_MAX_REQUEST_KB: '64',
      OMNIDEX_MAX_ROW_KB: '2048',
      OMNIDEX_CRM_URL: 'http://crm:4001/graphql',
      OMNIDEX_INDEX_CONFIG: 'config/omnidex.index.json',
    });
    expect(config.indexConfigPath).toBe(path.resolve('config/omnidex.index.json'));
    expect(config.subgraphUrls.crm).toBe('http://crm:4001/graphql');
    expect(config.subgraphUrls.web).toBe('http://127.0.0.1:0/graphql');
    expect(config.mongodbUri).toBe('mongodb://db:27017');
    expect(config.dataDir).toBe('/var/lib/omnidex');
    expect(config.gatewayPort).toBe(8080);
    expect(config.subgraphPorts.web).toBe(0);
    expect(config.development).toBe(false);
    expect(config.maxRequestBytes).toBe(64 * 1024);
    expect(config.maxRowBytes).toBe(2048 * 1024);
  });

  it.each([
    ['PORT', 'http', /PORT="http" is not valid/],
    ['PORT', '70000', /between 0 and 65535/],
    ['OMNIDEX_POS_PORT', '-1', /OMNIDEX_POS_PORT/],
    ['OMNIDEX_DEV', 'maybe', /true or false/],
    ['OMNIDEX_MAX_REQUEST_KB', '0', /positive integer/],
    ['OMNIDEX_MAX_ROW_KB', '1.5', /OMNIDEX_MAX_ROW_KB="1.5" is not valid: expected a positive integer/],
    ['OMNIDEX_WEB_URL', 'not a url', /OMNIDEX_WEB_URL="not a url" is not valid/],
  ])('fails fast naming %s when it is %s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
