import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { composeApi } from './api-section';
import { clientEvents, clientMethods } from './client-api';

const method = { params: z.object({}), result: z.null() };

describe('API sections', () => {
  it('compose into one table with every method of every section', () => {
    const api = composeApi({ methods: { 'a.one': method }, events: { 'a.changed': z.null() } }, { methods: { 'b.two': method }, events: {} });
    expect(Object.keys(api.methods)).toEqual(['a.one', 'b.two']);
    expect(Object.keys(api.events)).toEqual(['a.changed']);
    expect(Object.keys(clientMethods)).toContain('terminal.open');
    expect(Object.keys(clientEvents)).toEqual(['gateway.state', 'terminal.data', 'terminal.status', 'gateway.event', 'gateway.subscriptionEnded', 'files.progress']);
  });

  it('refuses two sections that name the same method', () => {
    expect(() => composeApi({ methods: { 'a.one': method }, events: {} }, { methods: { 'a.one': method }, events: {} })).toThrow(/two API sections define the method "a.one"/);
  });
});
