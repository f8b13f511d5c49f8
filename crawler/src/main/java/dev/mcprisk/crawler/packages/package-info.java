/**
 * Package registries and package launches: reads npm packuments ({@link
 * dev.mcprisk.crawler.packages.NpmPackument}) and PyPI JSON ({@link
 * dev.mcprisk.crawler.packages.PypiJson}) into package metadata with its MCP evidence ({@link
 * dev.mcprisk.crawler.packages.McpStrength}), resolves the user's npm registry ({@link
 * dev.mcprisk.crawler.packages.NpmRegistryConfig}), and for {@code --launch-packages} installs a
 * pinned npm package without install scripts and starts it in the sandbox ({@link
 * dev.mcprisk.crawler.packages.PackageLauncher}, settings in {@link
 * dev.mcprisk.crawler.packages.LaunchConfig}).
 */
package dev.mcprisk.crawler.packages;
