using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClaimRunFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // An agent's claim of a run, in one round trip (RunDispatcher.ClaimAsync). On a NAS with a limit the claim takes
            // the NAS's lock, counts what runs there and marks the run Running; done from the server in three statements, a
            // busy server kept the lock across its round trips and every other claim for that NAS queued behind it. Each
            // statement of a plpgsql function sees what committed before it, so the count after the lock is exact.
            migrationBuilder.Sql("""
                CREATE FUNCTION claim_run(run uuid, nas text, max_running int, at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
                BEGIN
                    IF max_running > 0 THEN
                        PERFORM pg_advisory_xact_lock(hashtext('nas:' || nas));
                        IF (SELECT count(*) FROM runs WHERE target_server = nas AND state = 'Running') >= max_running THEN
                            RETURN 'nas-full';
                        END IF;
                    END IF;
                    UPDATE runs SET state = 'Running', started_at = at WHERE id = run AND state = 'Queued' AND start_by > at;
                    RETURN CASE WHEN FOUND THEN 'claimed' ELSE 'not-queued' END;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION claim_run(uuid, text, int, timestamptz);");
        }
    }
}
