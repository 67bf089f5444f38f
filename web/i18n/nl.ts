import type { Messages } from "./index";

export const nl = {
  "app.name": "Chatière",
  "error.title": "Er is een fout opgetreden",
  "error.not_found": "Deze pagina bestaat niet.",
  "error.invalid": "Sommige waarden zijn ongeldig: {fields}.",
  "error.internal": "Er ging iets onverwachts mis. Probeer het zo meteen opnieuw.",
} satisfies Messages;
