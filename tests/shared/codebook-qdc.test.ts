import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { validateCodebook } from '../../src/shared/codebook/codebook-ops';
import { FALLBACK_COLOURS, MAX_CODES, MAX_DEPTH, type CodebookTag } from '../../src/shared/codebook/codebook-tag';
import { DEFAULT_CODEBOOK } from '../../src/shared/codebook/default-codebook';
import { MAX_QDA_XML_LENGTH, codebookToQdc, normalizeGuid, parseQdc, tagGuid } from '../../src/shared/codebook/refi-qdc';
import { fixture } from '../fixtures';

const CODEBOOK_XSD = readFileSync(resolve(import.meta.dirname, 'schemas/Codebook.xsd'), 'utf8');
const PROJECT_XSD = readFileSync(fixture('schemas/refi-qda/Project.xsd'), 'utf8');
const MAXQDA = readFileSync(fixture('schemas/refi-qda/samples/maxqda24_paper_themes_project.qde'), 'utf8');
const ATLAS = readFileSync(fixture('schemas/refi-qda/samples/atlasti23_target-atlas-project.project.qde'), 'utf8');

/** libxml2's schema validation; the error messages when it fails. */
async function xsdErrors(xml: string, xsd = CODEBOOK_XSD): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: 'doc.xml', contents: xml }], schema: [xsd], maxMemoryPages: 1024 });
  return r.valid ? [] : r.errors.map((e) => e.rawMessage);
}

/** The codes without what a .qdc cannot carry (keys). */
const withoutKeys = (tags: readonly CodebookTag[]) => tags.map(({ shortcut: _s, ...t }) => t);

/** What f returns, or the error it throws. Hostile inputs here would take minutes if the checks ran after parsing: the test's timeout is the guard, no time is asserted. */
const attempt = <T>(f: () => T): T | Error => {
  try {
    return f();
  } catch (e) {
    return e as Error;
  }
};

const qdc = (codes: string, attrs = 'xmlns="urn:QDA-XML:codebook:1.0"') => `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook ${attrs}><Codes>${codes}</Codes></CodeBook>`;
const G1 = '1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294';
const G2 = 'ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0';

// ---------------------------------------------------------------------------------------------

describe('the hand-written Codebook.xsd', () => {
  it('is not vacuous: it rejects what the codebook schema forbids', async () => {
    expect(await xsdErrors(qdc(`<Code guid="${G1}" name="x" isCodable="true"/>`))).toEqual([]);
    expect(await xsdErrors(qdc(`<Code name="x" isCodable="true"/>`))).not.toEqual([]);
    expect(await xsdErrors(qdc(`<Code guid="nope" name="x" isCodable="true"/>`))).not.toEqual([]);
    expect(await xsdErrors(qdc(`<Code guid="${G1}" name="x" isCodable="true" color="red"/>`))).not.toEqual([]);
    expect(await xsdErrors(qdc(`<Code guid="${G1}" name="x" isCodable="true" shortcut="1"/>`))).not.toEqual([]);
    expect(await xsdErrors(qdc(''))).not.toEqual([]);
    expect(await xsdErrors(qdc(`<Code guid="${G1}" name="x" isCodable="true"/>`, 'xmlns="urn:QDA-XML:project:1.0"'))).not.toEqual([]);
    // Sets is optional but, when present, holds at least one Set: hence no empty <Sets/> on export.
    const withSets = (sets: string) => qdc(`<Code guid="${G1}" name="x" isCodable="true"/>`).replace('</Codes>', `</Codes>${sets}`);
    expect(await xsdErrors(withSets('<Sets/>'))).not.toEqual([]);
    expect(await xsdErrors(withSets(`<Sets><Set guid="${G2}" name="s"><MemberCode guid="${G1}"/></Set></Sets>`))).toEqual([]);
  });

  it('agrees with Project.xsd on the codebook part of the MAXQDA sample', async () => {
    expect(await xsdErrors(MAXQDA, PROJECT_XSD)).toEqual([]);
    const start = MAXQDA.indexOf('<CodeBook>');
    const end = MAXQDA.indexOf('</CodeBook>') + '</CodeBook>'.length;
    const standalone = `<?xml version="1.0" encoding="utf-8"?>\n${MAXQDA.slice(start, end).replace('<CodeBook>', '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">')}`;
    expect(await xsdErrors(standalone)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('codebookToQdc', () => {
  const xml = codebookToQdc(DEFAULT_CODEBOOK);

  it('writes a codebook the REFI-QDA schema accepts', async () => {
    expect(await xsdErrors(xml)).toEqual([]);
  });

  it('writes the hierarchy, colours and descriptions with the codebook namespace and our origin', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Report Workbench">\n  <Codes>\n')).toBe(true);
    expect(xml.match(/<Code /g)).toHaveLength(DEFAULT_CODEBOOK.length);
    expect(xml.match(/<Description>/g)).toHaveLength(DEFAULT_CODEBOOK.length);
    expect(xml).not.toContain('<Sets');
    const prosecution = DEFAULT_CODEBOOK[0]!;
    const investigations = DEFAULT_CODEBOOK[1]!;
    expect(xml).toContain(
      `    <Code guid="${tagGuid(prosecution)}" name="Prosecution" isCodable="true" color="#e8590c">\n` +
        `      <Description>${prosecution.description}</Description>\n` +
        `      <Code guid="${tagGuid(investigations)}" name="Investigations" isCodable="true" color="#c2410c">\n`,
    );
    expect(xml.endsWith('    </Code>\n  </Codes>\n</CodeBook>\n')).toBe(true);
  });

  it('derives stable RFC 4122 version 5 GUIDs from ids, or keeps an imported one', () => {
    const guids = DEFAULT_CODEBOOK.map(tagGuid);
    expect(new Set(guids).size).toBe(guids.length);
    for (const g of guids) expect(g).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(tagGuid({ id: 'tag-prosecution' })).toBe('1959745B-1F41-5417-81C3-E0A8E5596208');
    expect(codebookToQdc(DEFAULT_CODEBOOK)).toBe(xml);
    expect(tagGuid({ id: 'x', guid: `{${G1.toLowerCase()}}` })).toBe(G1);
    expect(tagGuid({ id: 'x', guid: 'garbage' })).toBe(tagGuid({ id: 'x' }));
    expect(normalizeGuid(' {abcdef01-2345-6789-abcd-ef0123456789} ')).toBe('ABCDEF01-2345-6789-ABCD-EF0123456789');
    expect(normalizeGuid('abc')).toBeNull();
  });

  it('escapes markup and whitespace so odd names and descriptions survive', async () => {
    const tags: CodebookTag[] = [
      { id: 'a', name: `Tom & "Jerry" <'cat'>\tand\nmouse ]]> 💥`, color: '#ABCDEF', description: 'Line 1\nLine 2 & <b>bold</b>\r\nCRLF ]]>', order: 1, parentId: null },
      { id: 'b', name: 'Ctrl\u0001char\uD800lone', color: 'not a colour', description: '', order: 2, parentId: null },
    ];
    const out = codebookToQdc(tags);
    expect(await xsdErrors(out)).toEqual([]);
    expect(out).toContain('name="Tom &amp; &quot;Jerry&quot; &lt;\'cat\'&gt;&#9;and&#10;mouse ]]&gt; 💥" isCodable="true" color="#abcdef"');
    expect(out).toContain('<Code guid="' + tagGuid(tags[1]!) + '" name="Ctrlcharlone" isCodable="true"/>');
    const back = parseQdc(out, { knownTags: tags }).tags;
    expect(back[0]).toEqual({ ...tags[0], color: '#abcdef' });
    expect(back[1]!.name).toBe('Ctrlcharlone');
  });

  it('refuses an empty codebook, which the schema cannot express', () => {
    expect(() => codebookToQdc([])).toThrow('The codebook is empty: there is nothing to export.');
  });
});

// ---------------------------------------------------------------------------------------------

describe('round trip', () => {
  it('export → import → export is identical, and keeps name, hierarchy, colour and description', () => {
    const xml = codebookToQdc(DEFAULT_CODEBOOK);
    const known = parseQdc(xml, { knownTags: DEFAULT_CODEBOOK });
    expect(known.tags).toEqual(withoutKeys(DEFAULT_CODEBOOK));
    expect(known).toMatchObject({ origin: 'Report Workbench', source: 'codebook', warnings: [] });
    expect(codebookToQdc(known.tags)).toBe(xml);

    // Into a workspace that does not know the codes: new ids, the GUIDs kept on them.
    const fresh = parseQdc(xml);
    expect(fresh.tags.map((t) => t.id)).toEqual(DEFAULT_CODEBOOK.map((t) => `qdc-${tagGuid(t).toLowerCase()}`));
    expect(fresh.tags.map((t) => t.guid)).toEqual(DEFAULT_CODEBOOK.map(tagGuid));
    expect(fresh.tags.map(({ name, color, description, order }) => ({ name, color, description, order }))).toEqual(
      DEFAULT_CODEBOOK.map(({ name, color, description, order }) => ({ name, color, description, order })),
    );
    const parentName = (tags: readonly CodebookTag[], t: CodebookTag) => tags.find((p) => p.id === t.parentId)?.name ?? null;
    expect(fresh.tags.map((t) => parentName(fresh.tags, t))).toEqual(DEFAULT_CODEBOOK.map((t) => parentName(DEFAULT_CODEBOOK, t)));
    expect(validateCodebook(fresh.tags)).toEqual([]);
    expect(codebookToQdc(fresh.tags)).toBe(xml);
    expect(codebookToQdc(parseQdc(codebookToQdc(fresh.tags)).tags)).toBe(xml);
  });
});

// ---------------------------------------------------------------------------------------------

describe('parseQdc on real REFI-QDA exports', () => {
  // Expected values read from the file with Python's ElementTree, independently of this code.
  const CHILD_COUNTS = [12, 9, 6, 8, 15, 4, 18, 17, 23, 16, 17, 8, 41, 5, 10, 39, 13, 28];

  it('reads the 307 codes of the MAXQDA 24 project with their hierarchy', () => {
    const r = parseQdc(MAXQDA);
    expect(r.source).toBe('project');
    expect(r.origin).toBe('MAXQDA 24 (Release 24.7.0)');
    expect(r.warnings).toEqual([]);
    expect(r.tags).toHaveLength(307);
    const roots = r.tags.filter((t) => t.parentId === null);
    expect(roots).toHaveLength(18);
    expect(roots.map((t) => r.tags.filter((c) => c.parentId === t.id).length)).toEqual(CHILD_COUNTS);
    expect(roots.map((t) => t.name).slice(0, 4)).toEqual(['Additional Themes and Ideas', 'Assessments', 'Collaboration and Community', 'Equity, Diversity, and Inclusion']);
    expect(roots.at(-1)!.name).toBe('Technologies');
    expect(new Set(r.tags.map((t) => t.id)).size).toBe(307);
    expect(r.tags.every((t) => t.description !== '')).toBe(true);
    expect(validateCodebook(r.tags)).toEqual([]);
  });

  it('reads a code’s GUID, colour and description, decoding entities', () => {
    const { tags } = parseQdc(MAXQDA);
    const affinity = tags.find((t) => t.name === 'THEME - Affinity Spaces (Gee)')!;
    expect(affinity).toEqual({
      id: 'qdc-c6c1be73-b4f4-4c2d-91f1-90b73bfc5c25',
      name: 'THEME - Affinity Spaces (Gee)',
      color: '#ef8256',
      description: 'Apply this code when a study uses Gee\'s concept of affinity spaces.',
      order: 2,
      parentId: 'qdc-c9e3d7e0-4dbf-46e2-96ef-14574ecd3b90',
      guid: 'C6C1BE73-B4F4-4C2D-91F1-90B73BFC5C25',
    });
    const latam = tags.find((t) => t.name.startsWith('GEOGFOC - America - Latin America'))!;
    expect(latam.description).toMatch(/^Apply this code to research conducted in Central and South American countries, including Brazil, Mexico, and Argentina\. Central & South America and Spanish\/Portuguese-speaking Caribbean are included\. If the paper/);
    expect(latam.description).toMatch(/code only for the research location\.$/);
    const last = tags.at(-1)!;
    expect([last.name, last.guid, last.color]).toEqual(['TECHNLGY - Wearables, Quantified Self', '11C785EB-37CF-4851-B6BA-35971DE49570', '#a24ef1']);
    expect(tags.find((t) => t.id === last.parentId)!.name).toBe('Technologies');
  });

  it('exports the MAXQDA codebook again as a valid .qdc with the same GUIDs', async () => {
    const { tags } = parseQdc(MAXQDA);
    const xml = codebookToQdc(tags);
    expect(await xsdErrors(xml)).toEqual([]);
    expect(xml.match(/<Code /g)).toHaveLength(307);
    expect(xml).toContain('guid="C9E3D7E0-4DBF-46E2-96EF-14574ECD3B90" name="Additional Themes and Ideas"');
    expect(parseQdc(xml).tags).toEqual(tags);
  });

  it('reads the ATLAS.ti 23 project: colourless codes take a palette colour, children their parent’s', () => {
    const r = parseQdc(ATLAS);
    expect(r.origin).toBe('ATLAS.ti for Windows 23.2.3.27778');
    expect(r.tags.map((t) => [t.name, t.parentId === null ? 0 : 1, t.color, t.description])).toEqual([
      ['Commits', 0, FALLBACK_COLOURS[0], ''],
      ['2022-05-10T02:05:59Z 19e4dce', 1, FALLBACK_COLOURS[0], ''],
      ['2022-02-11T10:39:25Z cdbfd92', 1, FALLBACK_COLOURS[0], ''],
    ]);
  });

  it('reads what other tools write: schemaLocation, sets, braces, short colours, CDATA, references, prefixes', async () => {
    const file = `\uFEFF<?xml version="1.0" encoding="utf-8"?>
<!-- written by hand in the shape ATLAS.ti, QualCoder and Taguette use -->
<CodeBook xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:QDA-XML:codebook:1.0 Codebook.xsd" origin="Some Tool 1.0" xmlns="urn:QDA-XML:codebook:1.0">\r
  <Codes>
    <Code guid="{${G1.toLowerCase()}}" name="Caf&#xE9; &amp; bar" color="#0A0" isCodable="false">
      <Description><![CDATA[Use <here> & there]]> &#8212; and &lt;more&gt;</Description>
      <Code guid="${G2}" name="  Child  " isCodable="true"/>
    </Code>
  </Codes>
  <Sets>
    <Set name="group" guid="3B0F3E5A-5C3E-4B8F-9A9A-0F0E0D0C0B0A"><MemberCode guid="${G2}"/></Set>
  </Sets>
</CodeBook>`;
    expect(await xsdErrors(file.slice(1))).toEqual([]);
    const r = parseQdc(file);
    expect(r.origin).toBe('Some Tool 1.0');
    expect(r.tags).toEqual([
      { id: `qdc-${G1.toLowerCase()}`, guid: G1, name: 'Café & bar', color: '#00aa00', description: 'Use <here> & there — and <more>', order: 1, parentId: null },
      { id: `qdc-${G2.toLowerCase()}`, guid: G2, name: 'Child', color: '#00aa00', description: '', order: 2, parentId: `qdc-${G1.toLowerCase()}` },
    ]);
  });

  it('accepts an empty <Sets/>, a prefixed root, no namespace, unknown attributes and elements', () => {
    const code = `<Code guid="${G1}" name="x" isCodable="true" mystery="1"><NoteRef targetGUID="${G2}"/><Extra>y</Extra></Code>`;
    const taguette = qdc(code).replace('</Codes>', '</Codes><Sets/>');
    expect(parseQdc(taguette).tags.map((t) => t.name)).toEqual(['x']);
    const prefixed = `<q:CodeBook xmlns:q="urn:QDA-XML:codebook:1.0"><q:Codes>${code.replace(/<Code/g, '<q:Code').replace('</Code>', '</q:Code>')}</q:Codes></q:CodeBook>`;
    expect(parseQdc(prefixed).tags.map((t) => t.name)).toEqual(['x']);
    expect(parseQdc(qdc(code, '')).tags.map((t) => t.name)).toEqual(['x']);
    expect(parseQdc(qdc('')).tags).toEqual([]);
  });

  it('warns about a colour it cannot read, and about a project without codebook', () => {
    const r = parseQdc(qdc(`<Code guid="${G1}" name="x" isCodable="true" color="blue"/>`));
    expect(r.tags[0]!.color).toBe(FALLBACK_COLOURS[0]);
    expect(r.warnings).toEqual(['The code “x” has the colour “blue”, which is not a hex colour; it was replaced.']);
    expect(parseQdc('<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>')).toEqual({ tags: [], origin: null, source: 'project', warnings: ['The project has no codebook.'] });
  });

  it('gives the ids of known codes back, matched by GUID', () => {
    const known: CodebookTag[] = [{ id: 'mine', name: 'Old name', color: '#000000', description: '', order: 1, parentId: null, guid: G1 }];
    const r = parseQdc(qdc(`<Code guid="${G1.toLowerCase()}" name="New name" isCodable="true"/>`), { knownTags: known });
    expect(r.tags).toEqual([{ id: 'mine', guid: G1, name: 'New name', color: FALLBACK_COLOURS[0], description: '', order: 1, parentId: null }]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('parseQdc refuses what is not a codebook, readably', () => {
  const code = `<Code guid="${G1}" name="x" isCodable="true"/>`;
  const cases: [string, string, string | RegExp][] = [
    ['empty', '', 'The file is empty.'],
    ['not XML', 'hello world', /^This is not well-formed XML \(line 1, column 1\): /],
    ['unclosed element', `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n${code}\n</CodeBook>`, /^This is not well-formed XML \(line 3, column \d+\): Expected closing tag 'Codes'/],
    ['two roots', `${qdc(code)}<CodeBook/>`, 'This is not well-formed XML: it has more than one root element.'],
    ['a bare ampersand in a description', qdc(`<Code guid="${G1}" name="x" isCodable="true"><Description>a & b</Description></Code>`), /^This is not well-formed XML \(line 2, column \d+\)/],
    ['another root', '<html><body/></html>', 'The file\'s root element is <html>; a REFI-QDA codebook starts with <CodeBook> and a project with <Project>.'],
    ['another namespace', qdc(code, 'xmlns="http://example.com/other"'), 'The file\'s <CodeBook> is in the namespace “http://example.com/other”, not REFI-QDA\'s (urn:QDA-XML:codebook:1.0).'],
    ['no Codes', '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>', 'The codebook has no <Codes> element.'],
    ['no name', qdc(`<Code guid="${G1}" isCodable="true"/>`), 'The file\'s code 1 has no name.'],
    ['no guid', qdc('<Code name="x" isCodable="true"/>'), 'The code “x” has no guid attribute.'],
    ['bad guid', qdc('<Code guid="123" name="x" isCodable="true"/>'), 'The code “x” has the malformed GUID “123”.'],
    ['same guid twice', qdc(`${code}<Code guid="${G1.toLowerCase()}" name="y" isCodable="true"/>`), `The codes “x” and “y” share the GUID ${G1}.`],
    ['an HTML entity', qdc(`<Code guid="${G1}" name="a&nbsp;b" isCodable="true"/>`), 'The file uses the entity “&nbsp;”, which XML does not define; only &amp; &lt; &gt; &quot; &apos; are read.'],
    ['a bare ampersand', qdc(`<Code guid="${G1}" name="a & b" isCodable="true"/>`), /bare “&”/],
    ['a NUL reference', qdc(`<Code guid="${G1}" name="a&#0;b" isCodable="true"/>`), 'The file has an invalid character reference “&#0;”.'],
  ];
  it.each(cases)('%s', (_label, xml, message) => {
    expect(() => parseQdc(xml)).toThrow(message);
  });

  it('refuses input that is not text', () => {
    expect(() => parseQdc(42 as unknown as string)).toThrow('Expected the text of a codebook file.');
  });
});

// ---------------------------------------------------------------------------------------------

describe('parseQdc against hostile XML', () => {
  it('refuses billion laughs (entity declarations) at once, before parsing', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      '  <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="' + G1 + '" name="&lol9;" isCodable="true"/></Codes></CodeBook>',
    ].join('\n');
    const result = attempt(() => parseQdc(lol));
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(/^The file has a DOCTYPE declaration\. REFI-QDA files never have one/);
  });

  it('refuses external entities (XXE) and quadratic blow-up the same way', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>${qdc(`<Code guid="${G1}" name="&x;" isCodable="true"/>`)}`;
    expect(() => parseQdc(xxe)).toThrow(/DOCTYPE/);
    const quadratic = `<!DOCTYPE c [<!ENTITY a "${'a'.repeat(50_000)}">]>${qdc(`<Code guid="${G1}" name="${'&a;'.repeat(10_000)}" isCodable="true"/>`)}`;
    const result = attempt(() => parseQdc(quadratic));
    expect((result as Error).message).toMatch(/DOCTYPE/);
  });

  it('refuses a 10 MB name', () => {
    const result = attempt(() => parseQdc(qdc(`<Code guid="${G1}" name="${'a'.repeat(10_000_000)}" isCodable="true"/>`)));
    expect((result as Error).message).toBe('A code name in the file is 10,000,000 characters long; the limit is 1,000.');
  });

  it('refuses a 10 MB description', () => {
    const result = attempt(() => parseQdc(qdc(`<Code guid="${G1}" name="x" isCodable="true"><Description>${'d'.repeat(10_000_000)}</Description></Code>`)));
    expect((result as Error).message).toBe('The description of “x” is 10,000,000 characters long; the limit is 100,000.');
  });

  it('refuses codes nested 10,000 levels deep, and accepts the limit', () => {
    const nest = (levels: number) => {
      const open = Array.from({ length: levels }, (_, i) => `<Code guid="${`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`}" name="L${i}" isCodable="true">`).join('');
      return qdc(open + '</Code>'.repeat(levels));
    };
    const result = attempt(() => parseQdc(nest(10_000)));
    expect((result as Error).message).toBe(`The file nests its elements too deeply: codes can be nested at most ${MAX_DEPTH} levels.`);
    const deepest = parseQdc(nest(MAX_DEPTH)).tags;
    expect(deepest).toHaveLength(MAX_DEPTH);
    expect(deepest.at(-1)!.parentId).toBe(deepest.at(-2)!.id);
    expect(() => parseQdc(nest(MAX_DEPTH + 1))).toThrow(/nested/);
  });

  it('refuses more codes than the limit, and files beyond the size limit without reading them', () => {
    const many = Array.from({ length: MAX_CODES + 1 }, (_, i) => `<Code guid="00000000-0000-4000-8000-${String(i).padStart(12, '0')}" name="c${i}" isCodable="true"/>`).join('');
    expect(() => parseQdc(qdc(many))).toThrow(`The codebook has more than ${MAX_CODES.toLocaleString('en-US')} codes.`);
    const result = attempt(() => parseQdc(' '.repeat(MAX_QDA_XML_LENGTH + 1)));
    expect((result as Error).message).toBe('The file is 64.0 MB; files larger than 64 MB are not read.');
  });

  it('does not let attribute or element names reach object prototypes', () => {
    expect(() => parseQdc(qdc(`<Code guid="${G1}" name="x" isCodable="true"><__proto__><polluted>yes</polluted></__proto__></Code>`))).toThrow(
      /^The file could not be read as XML: .*__proto__/,
    );
    expect(() => parseQdc(qdc(`<Code guid="${G1}" name="x" isCodable="true" __proto__="bad"/>`))).toThrow(/__proto__/);
    expect(() => parseQdc(qdc(`<Code guid="${G1}" name="x" isCodable="true"><constructor><prototype/></constructor></Code>`))).toThrow(/constructor/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(parseQdc(qdc(`<Code guid="${G1}" name="__proto__" isCodable="true"/>`)).tags[0]!.name).toBe('__proto__');
  });

  it('skips a project’s sources and notes without building them, however long', () => {
    const project = `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="${G1}" name="x" isCodable="true"/></Codes></CodeBook>
      <Sources><TextSource guid="${G2}" name="s"><PlainTextContent>${'t'.repeat(10_000_000)}</PlainTextContent></TextSource></Sources></Project>`;
    const result = attempt(() => parseQdc(project));
    expect((result as { tags: CodebookTag[] }).tags.map((t) => t.name)).toEqual(['x']);
  });
});
