import type { ScenarioDocument } from '@startex/shared';
import type { AccessGrant } from '../store/ExerciseStore.ts';
import type { AgencyRecord } from '../store/PlanningStore.ts';
import { decoratePages, newPdf, pdfBytes } from '../documents/pdf.ts';
import { BRIEFING_WORDS } from '../documents/briefingWords.ts';
import { DOCUMENT_WORDS, localTime, type DocumentLanguage } from '../documents/words.ts';
import { lazyRequire } from '../lazyPackage.ts';

const qrcode = lazyRequire<typeof import('qrcode')>('qrcode');

export interface SheetTeam {
  teamId: string;
  teamName: string;
  agency: string;
  grant: AccessGrant | undefined;
}

const usable = (grant: AccessGrant, now: number) => grant.revokedAt === undefined && (grant.expiresAt ?? Infinity) > now;

/** Each team's newest usable tablet code, with the real agency its team is mapped to (else the kind of agency, in words of `language`). */
export function sheetTeams(scenario: ScenarioDocument, grants: AccessGrant[], mapping: Record<string, string>, agencies: AgencyRecord[], language: DocumentLanguage, now = Date.now()): SheetTeam[] {
  return scenario.teams.map((team) => {
    const codes = grants.filter((g) => g.role === 'participant' && g.teamId === team.id && usable(g, now)).sort((a, b) => b.createdAt - a.createdAt);
    const agency = agencies.find((a) => a.id === mapping[team.id]);
    return { teamId: team.id, teamName: team.name, agency: agency?.name ?? DOCUMENT_WORDS[language].agencyType[team.agency], grant: codes[0] };
  });
}

/** The usable observer codes, oldest first: each opens a wall display (or an observer's view) of the exercise. */
export const sheetDisplays = (grants: AccessGrant[], now = Date.now()) => grants.filter((g) => g.role === 'observer' && usable(g, now)).sort((a, b) => a.createdAt - b.createdAt);

interface Card {
  heading: string;
  detail: string;
  /** The page the code opens: tablets /tablet, wall displays /display. */
  page: '/tablet' | '/display';
  grant: AccessGrant | undefined;
  missing: string;
}

/**
 * A printable A4 sheet in `language`: per team its name, agency, a QR code of the tablet link, the
 * link and the code in text; then the wall-display (observer) codes. Times in the exercise's zone.
 */
export async function joinCodeSheet(title: string, baseUrl: string, teams: SheetTeam[], displays: AccessGrant[], timeZone: string, language: DocumentLanguage): Promise<Buffer> {
  const words = BRIEFING_WORDS[language].sheet;
  const doc = newPdf(words.title(title), language);
  doc.font('bold').fontSize(16).text(words.title(title)).font('body').fontSize(10);
  doc.text(words.intro).moveDown();
  const cardHeight = 170;
  const cards: Card[] = [
    ...teams.map((team): Card => ({ heading: team.teamName, detail: words.agency(team.agency), page: '/tablet', grant: team.grant, missing: words.missing })),
    ...displays.map((grant, index): Card => ({ heading: words.display(index + 1), detail: words.displayDetail, page: '/display', grant, missing: '' })),
  ];
  for (const card of cards) {
    if (doc.y + cardHeight > doc.page.maxY()) doc.addPage();
    const top = doc.y;
    const left = doc.page.margins.left;
    doc.rect(left, top, doc.page.width - left - doc.page.margins.right, cardHeight - 10).lineWidth(0.5).stroke('#888888');
    if (card.grant) {
      const url = `${baseUrl}${card.page}#code=${encodeURIComponent(card.grant.token)}`;
      const png = await qrcode().toBuffer(url, { type: 'png', margin: 1, width: 300, errorCorrectionLevel: 'M' });
      doc.image(png, left + 8, top + 8, { width: 140, height: 140 });
      doc.x = left + 165;
      doc.y = top + 14;
      const width = doc.page.width - doc.page.margins.right - left - 175;
      doc.font('bold').fontSize(14).fillColor('#000000').text(card.heading, { width });
      doc.font('body').fontSize(10.5).text(card.detail, { width }).moveDown(0.4);
      doc.font('bold').fontSize(22).text(card.grant.token, { width, characterSpacing: 2 });
      doc.font('body').fontSize(9).text(url, { width, link: url });
      if (card.grant.expiresAt !== undefined) doc.text(words.validUntil(localTime(card.grant.expiresAt, timeZone, language)), { width });
    } else {
      doc.x = left + 12;
      doc.y = top + 14;
      doc.font('bold').fontSize(14).text(card.heading).font('body').fontSize(10.5).text(card.detail);
      doc.text(card.missing);
    }
    doc.x = left;
    doc.y = top + cardHeight;
  }
  decoratePages(doc, words.footer(title), language);
  return pdfBytes(doc);
}
