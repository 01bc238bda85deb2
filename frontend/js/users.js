/**
 * "Users" (admins only): the list of users with their role and a disable/enable button, and a
 * form to add a user with a role. Calls GET/POST /api/admin/users, PUT …/{name}/role and
 * PUT …/{name}/enabled; the server refuses all of them to anyone but an admin.
 */
import { createUser, fetchUsers, setUserEnabled, setUserRole } from './api.js';
import { onLanguageChange, t } from './i18n.js';
import { describeError, h, toast } from './ui.js';

const ROLES = ['viewer', 'planner', 'admin'];

export class UsersPanel {
  /**
   * @param {{container: HTMLElement, me: {name: string}}} options  me: the signed-in admin, who
   *        cannot disable themself here
   */
  constructor({ container, me }) {
    this.container = container;
    this.me = me;
    this.users = [];
    this.list = h('ul', { id: 'user-list', class: 'user-list', 'aria-live': 'polite' });
    this.listError = h('div', { class: 'form-error', id: 'user-list-error', role: 'alert', hidden: true });
    this.form = this.buildForm();
    container.replaceChildren(this.listError, this.list, this.form);
    onLanguageChange(() => this.render());
  }

  buildForm() {
    const field = (id, key, input) => h('div', { class: 'form-field' },
      h('label', { for: id, dataset: { i18n: key } }, t(key)), input);
    this.nameInput = h('input', { id: 'user-new-name', name: 'name', type: 'text', autocomplete: 'off', maxlength: '64' });
    this.passwordInput = h('input', { id: 'user-new-password', name: 'password', type: 'password', autocomplete: 'new-password' });
    this.roleSelect = h('select', { id: 'user-new-role', name: 'role' },
      ROLES.map((role) => h('option', { value: role, dataset: { i18n: `role.${role}` } }, t(`role.${role}`))));
    this.mustChange = h('input', { id: 'user-new-must-change', type: 'checkbox', checked: true });
    this.formError = h('div', { class: 'form-error', id: 'user-form-error', role: 'alert', hidden: true });
    return h('form', {
      id: 'user-form', class: 'user-form', novalidate: true,
      on: { submit: (event) => { event.preventDefault(); this.add(); } },
    },
    h('div', { class: 'form-grid' },
      field('user-new-name', 'users.name', this.nameInput),
      field('user-new-role', 'users.role', this.roleSelect),
      h('div', { class: 'form-field form-field--wide' },
        h('label', { for: 'user-new-password', dataset: { i18n: 'users.password' } }, t('users.password')),
        this.passwordInput),
      h('label', { class: 'check-option form-field--wide', for: 'user-new-must-change' }, this.mustChange,
        h('span', { dataset: { i18n: 'users.mustChange' } }, t('users.mustChange')))),
    this.formError,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-small btn-primary', id: 'user-add', dataset: { i18n: 'users.add' } },
        t('users.add'))));
  }

  async refresh() {
    try {
      this.users = await fetchUsers();
      this.listError.hidden = true;
    } catch (error) {
      this.listError.textContent = t('users.loadFailed', { message: describeError(error) });
      this.listError.hidden = false;
    }
    this.render();
  }

  render() {
    this.list.replaceChildren(...this.users.map((user) => {
      const role = h('select', {
        'aria-label': `${t('users.role')}: ${user.name}`, dataset: { action: 'role' },
        disabled: user.name === this.me.name,
        on: { change: () => this.run(() => setUserRole(user.name, role.value)) },
      }, ROLES.map((code) => h('option', { value: code, selected: code === user.role }, t(`role.${code}`))));
      return h('li', {
        class: `user-item${user.enabled ? '' : ' user-item--disabled'}`, dataset: { user: user.name },
      },
      h('span', { class: 'user-name', title: user.name }, user.name, user.enabled ? '' : ` (${t('users.disabled')})`),
      role,
      user.name === this.me.name ? null : h('button', {
        type: 'button', class: 'btn btn-small btn-quiet', dataset: { action: user.enabled ? 'disable' : 'enable' },
        on: { click: () => this.run(() => setUserEnabled(user.name, !user.enabled)) },
      }, t(user.enabled ? 'users.disable' : 'users.enable')));
    }));
  }

  /** Runs one change, then shows the list as the server has it (also after a refusal). */
  async run(change) {
    try {
      await change();
    } catch (error) {
      toast(describeError(error), { kind: 'error', timeoutMs: 8000 });
    }
    await this.refresh();
  }

  async add() {
    this.formError.hidden = true;
    const name = this.nameInput.value.trim();
    try {
      await createUser({
        name, password: this.passwordInput.value, role: this.roleSelect.value, mustChangePassword: this.mustChange.checked,
      });
    } catch (error) {
      const rejected = error.rejected || [];
      this.formError.replaceChildren(...(rejected.length
        ? rejected.map((problem) => h('div', {}, problem.field ? `${problem.field}: ${problem.message}` : problem.message))
        : [describeError(error)]));
      this.formError.hidden = false;
      return;
    }
    this.nameInput.value = '';
    this.passwordInput.value = '';
    toast(t('users.added', { name }), { kind: 'success' });
    await this.refresh();
  }
}
