import { ERROR_CODES } from '@synthorg/shared';
import { describe, expect, it } from 'vitest';

import { ApiError } from '../../src/api/api-error.ts';
import { errorText } from '../../src/api/error-messages.ts';

describe('errorText', () => {
  it('has its own text for the meeting, review and agent codes', () => {
    const texts = new Map(
      (
        [
          'PARTICIPANTS_UNRESOLVED',
          'MEETING_EVENT_UNKNOWN',
          'SELF_REVIEW_NOT_ALLOWED',
          'AGENT_TERMINATED',
        ] as const
      ).map((code) => [code, errorText(new ApiError(code, 422))]),
    );
    expect(texts.get('MEETING_EVENT_UNKNOWN')).toMatch(/meeting type/i);
    expect(texts.get('PARTICIPANTS_UNRESOLVED')).toMatch(/participants/i);
    expect(texts.get('SELF_REVIEW_NOT_ALLOWED')).toMatch(/your own work/i);
    expect(texts.get('AGENT_TERMINATED')).toMatch(/terminated/i);
    expect(errorText(new ApiError('MEETING_EVENT_UNKNOWN', 404))).not.toBe('Not found.');
  });

  it('shows the server text for an invalid setting value and ours without one', () => {
    const rule = 'api.min_password_length must be at least 8';
    expect(errorText(new ApiError('SETTING_INVALID_VALUE', 422, [], null, rule))).toBe(rule);
    expect(errorText(new ApiError('SETTING_INVALID_VALUE', 422))).toMatch(/not allowed/);
  });

  it('never shows the server text for other codes', () => {
    expect(
      errorText(new ApiError('DOMAIN_RULE_VIOLATION', 422, [], null, 'secret detail')),
    ).not.toContain('secret');
  });

  it('has a text of its own for every catalogue code that is a domain refusal', () => {
    for (const code of ERROR_CODES) {
      const text = errorText(new ApiError(code, 422));
      expect(text, code).not.toBe('The server refused this request.');
    }
  });
});
