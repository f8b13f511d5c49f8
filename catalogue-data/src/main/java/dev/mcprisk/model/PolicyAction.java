package dev.mcprisk.model;

/** What a gateway policy should do with calls of one tool. */
public enum PolicyAction {
  /** Allowed with no checks. */
  ALLOW,
  /** Allowed up to a rate limit, with argument checks where given. */
  RATE_LIMIT,
  /** Refused on call, still listed. */
  DENY,
  /** Removed from tools/list and refused on call. */
  HIDE
}
