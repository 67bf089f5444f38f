// Enhancement only: mount Swagger UI over the server-rendered reference when scripts run.
window.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("swagger-ui");
  if (!el || typeof window.SwaggerUIBundle !== "function") return;
  window.SwaggerUIBundle({ url: el.dataset.spec, domNode: el });
  var list = document.getElementById("api-operations");
  if (list) list.hidden = true;
});
