package labstacks.igenomes;

import labstacks.igenomes.catalog.GenomeCatalog;

/**
 * What {@link IgenomesProgram#define} gets: the stack's settings and the module's genome catalog, read
 * once by {@link IgenomesProgram#prepare}.
 */
public record IgenomesInputs(IgenomesSettings settings, GenomeCatalog catalog) {}
