package labstacks.biositing;

import java.util.List;

/**
 * The ca-biositing release this stack runs, and the facts the stack takes from it. Every value was read
 * in sustainability-software-lab/ca-biositing at tag {@value #TAG} (commit e3ed4de); the file each one
 * comes from is named beside it. Upgrading means re-reading those files at the new tag (module README).
 */
final class UpstreamRelease {
    /** The git tag of the release; the only one the repository had when this stack was pinned. */
    static final String TAG = "v2026.4.6";

    /**
     * {@code .github/workflows/docker-build.yml}: pushes {@code ghcr.io/${{ github.repository }}/pipeline}, tagged
     * {@code latest}, the short sha, the branch and {@code type=semver,pattern=v{{version}}} on a published release.
     */
    static final String PIPELINE_REPOSITORY =
            "ghcr.io/sustainability-software-lab/ca-biositing/pipeline";

    static final String PIPELINE_IMAGE =
            "ghcr.io/sustainability-software-lab/ca-biositing/pipeline:v2026.4.6";

    /**
     * {@code resources/docker/docker-compose.yml} service {@code db}, and the service container of
     * {@code .github/workflows/migrations.yml}: the migrations start with {@code CREATE EXTENSION postgis}
     * ({@code alembic/versions/0001_create_extensions.py}), so the database must be PostGIS.
     */
    static final String POSTGIS_IMAGE = "postgis/postgis:17-3.5";

    /**
     * The {@code setup-db} command of the compose file, the {@code migrate} task of {@code pixi.toml} and the
     * Cloud Run migration job ({@code deployment/cloud/gcp/infrastructure/cloud_run.py}) all run this, from
     * {@code /app}, where {@code pipeline.dockerfile} copies {@code alembic/} and {@code alembic.ini}.
     */
    static final List<String> MIGRATION_COMMAND = List.of("alembic", "upgrade", "head");

    /**
     * The role {@code alembic/versions/0002_grant_readonly_permissions.py} names in
     * {@code ALTER DEFAULT PRIVILEGES FOR ROLE biocirv_user}: the migration fails for any other owner.
     */
    static final String DATABASE_ROLE = "biocirv_user";

    /**
     * {@code pipeline.dockerfile}: the production stage is {@code ubuntu:24.04}, which already has {@code ubuntu}
     * as uid/gid 1000, then runs {@code useradd -m appuser} and {@code USER appuser}; so appuser is 1001:1001.
     * The name alone cannot be checked by the kubelet's runAsNonRoot, the number can.
     */
    static final int APP_UID = 1001;

    /** The compose {@code prefect-server} volume {@code prefectdata:/home/appuser/.prefect}. */
    static final String PREFECT_HOME = "/home/appuser/.prefect";

    /**
     * The compose {@code prefect-server} environment {@code PREFECT_UI_API_URL=/api} (Cloud Run sets the same):
     * relative, so the UI works through a port-forward on any local port and behind any proxy.
     */
    static final String UI_API_URL = "/api";

    /**
     * Where the worker finds the Google service-account key. The extract steps read
     * {@code os.getenv("CREDENTIALS_PATH", "credentials.json")} ({@code pipeline/etl/extract/factory.py} and the
     * other extractors) and hand it to {@code gspread.service_account} and pydrive2; Cloud Run mounts the key at
     * this path and sets both {@code CREDENTIALS_PATH} and {@code GOOGLE_APPLICATION_CREDENTIALS} to it.
     */
    static final String CREDENTIALS_DIRECTORY = "/app/gsheets-credentials";

    static final String CREDENTIALS_FILE = "credentials.json";
    static final String CREDENTIALS_PATH = CREDENTIALS_DIRECTORY + "/" + CREDENTIALS_FILE;

    /** The compose {@code db} service's {@code shm_size: "1gb"}: PostGIS queries need more than the 64Mi default. */
    static final String DATABASE_SHM = "1Gi";

    private UpstreamRelease() {}
}
