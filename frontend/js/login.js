/**
 * The sign-in page (login.html): signs in through the form login (POST /login, a session cookie),
 * then, when the account has a one-time or reset password, asks for a new one
 * (POST /api/me/password) before going on to the map page. login.html#change-password opens the
 * password form directly; the map page sends a signed-in user there when the server asks for it.
 *
 * Like every write of the page, both POSTs carry the XSRF-TOKEN cookie's value in X-XSRF-TOKEN.
 * Only this file and i18n.js are served to visitors who are not signed in.
 */
import { applyTranslations, initLanguageSwitch, locale, t } from './i18n.js';

const CHANGE_HASH = '#change-password';

/** The value of the XSRF-TOKEN cookie the server sets, read afresh: it changes at sign-in. */
function xsrfToken() {
  const entry = document.cookie.split('; ').find((part) => part.startsWith('XSRF-TOKEN='));
  return entry ? decodeURIComponent(entry.slice('XSRF-TOKEN='.length)) : '';
}

async function post(url, body, contentType) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { Accept: 'application/json, application/problem+json', 'Content-Type': contentType, 'X-XSRF-TOKEN': xsrfToken() },
    body,
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the status says enough
  }
  return { status: response.status, json };
}

function showMessage(element, text) {
  element.textContent = text;
  element.hidden = !text;
}

/** The sign-in failure in the current language; the server's detail when it is not one we know. */
function signInError(status, problem) {
  if (status === 401) {
    return t('login.failed');
  }
  if (status === 429) {
    const until = problem?.retryAfter ? new Date(problem.retryAfter) : null;
    const time = until && !Number.isNaN(until.getTime())
      ? new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(until) : '';
    return t('login.locked', { time });
  }
  return problem?.detail || t('error.unexpected', { status });
}

function showChangeForm(currentPassword) {
  const loginForm = document.getElementById('login-form');
  const changeForm = document.getElementById('change-form');
  loginForm.hidden = true;
  changeForm.hidden = false;
  const current = document.getElementById('change-current');
  // just typed on the sign-in form: no need to ask again
  document.getElementById('change-current-field').hidden = Boolean(currentPassword);
  current.value = currentPassword || '';
  (currentPassword ? document.getElementById('change-new') : current).focus();
  document.body.dataset.loginStep = 'change-password';
}

function init() {
  applyTranslations(document);
  initLanguageSwitch();
  const loginForm = document.getElementById('login-form');
  const loginError = document.getElementById('login-error');
  const changeForm = document.getElementById('change-form');
  const changeError = document.getElementById('change-error');

  loginForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    showMessage(loginError, '');
    const password = document.getElementById('login-password').value;
    const body = new URLSearchParams({ username: document.getElementById('login-name').value.trim(), password });
    let answer;
    try {
      answer = await post('/login', body, 'application/x-www-form-urlencoded');
    } catch {
      showMessage(loginError, t('error.network'));
      return;
    }
    if (answer.status !== 200) {
      showMessage(loginError, signInError(answer.status, answer.json));
      return;
    }
    if (answer.json?.mustChangePassword) {
      showChangeForm(password);
    } else {
      window.location.replace('/');
    }
  });

  changeForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    showMessage(changeError, '');
    const newPassword = document.getElementById('change-new').value;
    if (newPassword !== document.getElementById('change-repeat').value) {
      showMessage(changeError, t('login.mismatch'));
      return;
    }
    let answer;
    try {
      answer = await post('/api/me/password', JSON.stringify({
        currentPassword: document.getElementById('change-current').value, newPassword,
      }), 'application/json');
    } catch {
      showMessage(changeError, t('error.network'));
      return;
    }
    if (answer.status === 204) {
      window.location.replace('/');
    } else if (answer.status === 401) {
      // the session ended meanwhile: sign in again
      changeForm.hidden = true;
      loginForm.hidden = false;
    } else {
      const rejected = answer.json?.rejected?.[0];
      showMessage(changeError, rejected?.field === 'currentPassword' ? t('login.wrongCurrent')
        : rejected?.message || answer.json?.detail || t('error.unexpected', { status: answer.status }));
    }
  });

  if (window.location.hash === CHANGE_HASH) {
    showChangeForm('');
  }
  if (new URLSearchParams(window.location.search).has('signedOut')) {
    showMessage(document.getElementById('login-note'), t('login.signedOut'));
  }
  document.body.dataset.loginReady = 'true';
}

init();
