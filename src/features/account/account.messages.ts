import type { Messages } from '../../i18n/messages.js';

export const accountMessages: Messages = {
  id: {
    'account.password.tooShort': 'Kata sandi minimal 10 karakter.',
    'account.password.tooLong': 'Kata sandi maksimal 200 karakter.',
    'account.password.common': 'Kata sandi ini terlalu umum dan mudah ditebak.',
    'account.password.weak': 'Kata sandi terlalu lemah: jangan hanya angka atau satu karakter berulang.',
    'account.password.containsEmail': 'Kata sandi tidak boleh memuat alamat e-mail Anda.',
    'account.emailTaken': 'Alamat e-mail ini sudah terdaftar. Masuk, atau atur ulang kata sandi.',
    'account.orgRequired': 'Peran ini harus dikaitkan dengan sebuah organisasi.',
    'error.EMAIL_TAKEN': 'Alamat e-mail ini sudah terdaftar.',
    'error.ORGANIZATION_REQUIRED': 'Peran ini harus dikaitkan dengan sebuah organisasi.',
  },
  en: {
    'account.password.tooShort': 'The password must have at least 10 characters.',
    'account.password.tooLong': 'The password can have at most 200 characters.',
    'account.password.common': 'This password is too common and easy to guess.',
    'account.password.weak': 'The password is too weak: not only digits or one repeated character.',
    'account.password.containsEmail': 'The password must not contain your e-mail address.',
    'account.emailTaken': 'This e-mail address is already registered. Log in, or reset the password.',
    'account.orgRequired': 'This role must be linked to an organisation.',
    'error.EMAIL_TAKEN': 'This e-mail address is already registered.',
    'error.ORGANIZATION_REQUIRED': 'This role must be linked to an organisation.',
  },
};
