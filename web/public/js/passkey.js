// Enhancement only: passkey sign-in on /sign-in and adding a passkey on /account/passkeys, through
// better-auth's endpoints (/api/auth/passkey/*). Without JavaScript or WebAuthn nothing here shows,
// and the pages keep working with links by mail.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials) return;

  function toBuffer(b64url) {
    var s = b64url.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    var bin = atob(s);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes.buffer;
  }
  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var bin = "";
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function withIds(list) {
    return (list || []).map(function (c) {
      return Object.assign({}, c, { id: toBuffer(c.id) });
    });
  }
  // The JSON the server verifies (WebAuthn's PublicKeyCredential JSON encoding).
  function credentialJSON(cred) {
    var r = cred.response;
    var response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    }
    if (r.authenticatorData) {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      if (r.userHandle) response.userHandle = toBase64url(r.userHandle);
    }
    return {
      id: cred.id,
      rawId: toBase64url(cred.rawId),
      type: cred.type,
      response: response,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      authenticatorAttachment: cred.authenticatorAttachment || undefined,
    };
  }
  function api(path, body) {
    var init = { credentials: "same-origin", headers: { accept: "application/json" } };
    if (body) {
      init.method = "POST";
      init.headers["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch("/api/auth/passkey/" + path, init).then(function (res) {
      if (!res.ok) throw new Error(path + ": " + res.status);
      return res.json();
    });
  }
  function wire(box, ceremony) {
    var button = box.querySelector("button");
    var error = box.querySelector("[data-passkey-error]");
    var nojs = box.querySelector("[data-passkey-nojs]");
    if (nojs) nojs.hidden = true;
    box.hidden = false;
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      error.hidden = true;
      ceremony()
        .catch(function (err) {
          console.warn(err);
          error.hidden = false;
          button.disabled = false;
        });
    });
  }

  var signIn = document.getElementById("passkey-sign-in");
  if (signIn) {
    wire(signIn, function () {
      return api("generate-authenticate-options")
        .then(function (o) {
          var publicKey = Object.assign({}, o, { challenge: toBuffer(o.challenge), allowCredentials: withIds(o.allowCredentials) });
          return navigator.credentials.get({ publicKey: publicKey });
        })
        .then(function (cred) {
          return api("verify-authentication", { response: credentialJSON(cred) });
        })
        .then(function () {
          window.location.assign(signIn.dataset.next || "/account");
        });
    });
  }

  var add = document.getElementById("passkey-add");
  if (add) {
    wire(add, function () {
      return api("generate-register-options")
        .then(function (o) {
          var publicKey = Object.assign({}, o, {
            challenge: toBuffer(o.challenge),
            user: Object.assign({}, o.user, { id: toBuffer(o.user.id) }),
            excludeCredentials: withIds(o.excludeCredentials),
          });
          return navigator.credentials.create({ publicKey: publicKey });
        })
        .then(function (cred) {
          return api("verify-registration", { response: credentialJSON(cred) });
        })
        .then(function () {
          window.location.assign(add.dataset.done);
        });
    });
  }
})();
