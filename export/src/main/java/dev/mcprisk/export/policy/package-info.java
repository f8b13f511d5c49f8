/**
 * The recommended gateway rule of each tool: {@link dev.mcprisk.export.policy.PolicyAdvisor} maps a
 * tool's assessment to a {@link dev.mcprisk.model.PolicyRecommendation} (allow, rate limit with
 * argument checks, or deny) under a {@link dev.mcprisk.export.policy.PolicyProfile} (strict,
 * balanced, permissive). A recommendation is policy, not classification, so it lives beside the
 * policy formats that write it.
 */
package dev.mcprisk.export.policy;
