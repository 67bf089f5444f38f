// French, the default language: this catalog defines the keys every other language must have.
export const fr = {
  "app.name": "Chatière",
  "error.title": "Une erreur est survenue",
  "error.not_found": "Cette page n'existe pas.",
  "error.invalid": "Certaines valeurs ne conviennent pas : {fields}.",
  "error.internal": "Une erreur inattendue s'est produite. Réessayez dans un instant.",
} as const;
