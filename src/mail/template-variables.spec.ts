import { variablesOf } from './template-variables';

describe(variablesOf.name, () => {
  it('lists the top-level values a template reads, once each', () => {
    expect(variablesOf('Hi {{username}}, {{{link}}} and {{username}} again')).toEqual(
      new Set(['username', 'link']),
    );
  });

  it("counts a block helper's arguments, not the helper", () => {
    expect(variablesOf('{{#if link}}<a href="{{link}}">go</a>{{else}}{{fallback}}{{/if}}')).toEqual(
      new Set(['link', 'fallback']),
    );
    expect(variablesOf('{{#unless quiet}}loud{{/unless}}')).toEqual(new Set(['quiet']));
  });

  it('counts the first segment of a dotted path, and no @data or this', () => {
    expect(variablesOf('{{user.name}} {{@root.appName}} {{this}}')).toEqual(new Set(['user']));
  });

  it('throws on a template that does not parse', () => {
    expect(() => variablesOf('{{#if x}}')).toThrow();
  });
});
