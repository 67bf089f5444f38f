// The public catalogue (API and pages, offer versions) and its imports (stewards, or their keys).
import { everyone, only, POST, unique, type Row } from "../kit";

const CHATONSINFOS = (name: string) => ({ organization: `file.class = organization\norganization.name = ${name}\norganization.website = https://${name.toLowerCase()}.example.org`, services: [] });
const LIBREHOST = (name: string) => ({ name, url: `https://${name.toLowerCase()}.example.org`, services: [] });

export const rows: Row[] = [
  { route: "GET /api/v1/providers", request: () => ({ path: "/api/v1/providers" }), expect: everyone(200) },
  { route: "GET /api/v1/providers/:id", request: (w) => ({ path: `/api/v1/providers/${w.providerX}` }), expect: everyone(200) },
  { route: "GET /api/v1/providers/:id/organization.properties", request: (w) => ({ path: `/api/v1/providers/${w.providerX}/organization.properties` }), expect: everyone(200) },
  { route: "GET /api/v1/providers/:id/librehost.json", request: (w) => ({ path: `/api/v1/providers/${w.providerX}/librehost.json` }), expect: everyone(200) },
  { route: "GET /api/v1/offers", request: () => ({ path: "/api/v1/offers" }), expect: everyone(200) },
  { route: "GET /api/v1/offers/:id", request: (w) => ({ path: `/api/v1/offers/${w.offerX}` }), expect: everyone(200) },
  { route: "GET /api/v1/offers/:id/service.properties", request: (w) => ({ path: `/api/v1/offers/${w.offerX}/service.properties` }), expect: everyone(200) },
  { route: "GET /api/v1/offers/:id/versions", request: (w) => ({ path: `/api/v1/offers/${w.offerX}/versions` }), expect: everyone(200) },
  { route: "GET /api/v1/offers/:id/versions/:version", request: (w) => ({ path: `/api/v1/offers/${w.offerX}/versions/1` }), expect: everyone(200) },
  { route: "GET /", request: () => ({ path: "/" }), expect: everyone(200) },
  { route: "GET /providers", request: () => ({ path: "/providers" }), expect: everyone(200) },
  { route: "GET /together", request: () => ({ path: "/together" }), expect: everyone(200) },
  { route: "GET /cooperative", request: () => ({ path: "/cooperative" }), expect: everyone(200) },
  { route: "GET /providers/:id", request: (w) => ({ path: `/providers/${w.providerX}` }), expect: everyone(200) },
  { route: "GET /offers/:id/versions/:version", request: (w) => ({ path: `/offers/${w.offerX}/versions/1` }), expect: everyone(200) },
  { route: "GET /compare", request: (w) => ({ path: `/compare?offers=${w.offerX}&offers=${w.offerY}` }), expect: everyone(200) },
  { route: "POST /api/v1/import/chatonsinfos", request: () => ({ path: "/api/v1/import/chatonsinfos", json: CHATONSINFOS(`Imported${unique()}`) }), expect: only(["steward"], 201, POST) },
  { route: "POST /api/v1/import/librehosters", request: () => ({ path: "/api/v1/import/librehosters", json: LIBREHOST(`Libre${unique()}`) }), expect: only(["steward"], 201, POST) },
];
