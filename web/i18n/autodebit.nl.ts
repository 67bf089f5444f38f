// Automatic debit of later invoices (issue 13, item 4), in Dutch ("u"); a missing key is a type error.
import type { frAutoDebit } from "./autodebit.fr";

export const nlAutoDebit = {
  "autodebit.title": "Automatische domiciliëring",
  "autodebit.none": "Er is geen mandaat bewaard. Betaal een factuur online met SEPA-domiciliëring (of met een kaart): het mandaat wordt bewaard en daarna kunt u hier kiezen voor de automatische inning van volgende facturen.",
  "autodebit.method.sepa_debit": "SEPA-domiciliëringsmandaat, rekening eindigend op {last4}",
  "autodebit.method.card": "Kaart eindigend op {last4}",
  "autodebit.mandate": "Referentie van het mandaat: {mandate}",
  "autodebit.on": "Automatische domiciliëring is actief sinds {date}: elke nieuwe factuur wordt uiterlijk de ochtend na uitgifte geïnd voor wat nog verschuldigd is.",
  "autodebit.off": "Automatische domiciliëring staat uit: u betaalt elke factuur zelf.",
  "autodebit.off_failed": "Automatische domiciliëring werd stopgezet omdat een inning mislukte. U kunt ze hieronder opnieuw activeren.",
  "autodebit.consent": "Ik machtig de coöperatie om met dit mandaat het verschuldigde bedrag te innen van facturen die vanaf vandaag worden uitgegeven. Elke factuur wordt mij vóór de inning toegestuurd.",
  "autodebit.enable": "Automatische domiciliëring activeren",
  "autodebit.stop": "Automatische domiciliëring stopzetten",
  "autodebit.notice.on": "Automatische domiciliëring is actief voor de volgende facturen.",
  "autodebit.notice.off": "Automatische domiciliëring is stopgezet: geen enkele factuur wordt nog zonder u geïnd.",
  "autodebit.error.consent": "Vink de machtiging aan om automatische domiciliëring te activeren.",
  "autodebit.error.no_method": "Er is geen mandaat bewaard: betaal eerst een factuur online met SEPA-domiciliëring of met een kaart.",
  "autodebit.ledger.awaiting": "Inning bezig: {amount}",
  "autodebit.mail.failed.subject": "De inning van factuur {number} is mislukt",
  "autodebit.mail.failed.body": "De automatische inning van {amount} voor factuur {number} is mislukt. Automatische domiciliëring is stopgezet; de factuur moet nog betaald worden, via overschrijving met de gestructureerde mededeling of online op uw factuurpagina.",
  "autodebit.mail.greeting": "Goedendag,",
} satisfies Record<keyof typeof frAutoDebit, string>;
