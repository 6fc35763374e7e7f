import type { ScenarioDocument } from '@startex/shared';
import type { AccessGrant } from '../store/ExerciseStore.ts';
import type { AgencyRecord } from '../store/PlanningStore.ts';
import { newPdf, pdfBytes } from '../documents/pdf.ts';
import { lazyRequire } from '../lazyPackage.ts';

const qrcode = lazyRequire<typeof import('qrcode')>('qrcode');

export interface SheetTeam {
  teamId: string;
  teamName: string;
  agency: string;
  grant: AccessGrant | undefined;
}

/** Each team's newest usable tablet code, with the real agency its team is mapped to (else the scenario's agency type). */
export function sheetTeams(scenario: ScenarioDocument, grants: AccessGrant[], mapping: Record<string, string>, agencies: AgencyRecord[], now = Date.now()): SheetTeam[] {
  return scenario.teams.map((team) => {
    const usable = grants
      .filter((g) => g.role === 'participant' && g.teamId === team.id && g.revokedAt === undefined && (g.expiresAt ?? Infinity) > now)
      .sort((a, b) => b.createdAt - a.createdAt);
    const agency = agencies.find((a) => a.id === mapping[team.id]);
    return { teamId: team.id, teamName: team.name, agency: agency?.name ?? team.agency, grant: usable[0] };
  });
}

/** A printable A4 sheet: per team its name, agency, a QR code of the tablet link, the link and the code in text. */
export async function joinCodeSheet(title: string, baseUrl: string, teams: SheetTeam[]): Promise<Buffer> {
  const doc = newPdf(`${title}: tablet join codes`);
  doc.font('bold').fontSize(16).text(`${title}: tablet join codes`).font('body').fontSize(10);
  doc.text('Scan the code with the team tablet, or open the link and type the code. Keep this sheet away from other teams.').moveDown();
  const cardHeight = 170;
  for (const team of teams) {
    if (doc.y + cardHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    const left = doc.page.margins.left;
    doc.rect(left, top, doc.page.width - left - doc.page.margins.right, cardHeight - 10).lineWidth(0.5).stroke('#888888');
    if (team.grant) {
      const url = `${baseUrl}/tablet#code=${encodeURIComponent(team.grant.token)}`;
      const png = await qrcode().toBuffer(url, { type: 'png', margin: 1, width: 300, errorCorrectionLevel: 'M' });
      doc.image(png, left + 8, top + 8, { width: 140, height: 140 });
      doc.x = left + 165;
      doc.y = top + 14;
      const width = doc.page.width - doc.page.margins.right - left - 175;
      doc.font('bold').fontSize(14).fillColor('#000000').text(team.teamName, { width });
      doc.font('body').fontSize(10.5).text(`Agency: ${team.agency}`, { width }).moveDown(0.4);
      doc.font('bold').fontSize(22).text(team.grant.token, { width, characterSpacing: 2 });
      doc.font('body').fontSize(9).text(url, { width, link: url });
      if (team.grant.expiresAt !== undefined) doc.text(`Valid until ${new Date(team.grant.expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`, { width });
    } else {
      doc.x = left + 12;
      doc.y = top + 14;
      doc.font('bold').fontSize(14).text(team.teamName).font('body').fontSize(10.5).text(`Agency: ${team.agency}`);
      doc.text('No valid join code: generate the team codes first.');
    }
    doc.x = left;
    doc.y = top + cardHeight;
  }
  return pdfBytes(doc);
}
