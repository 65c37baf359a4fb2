using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class HostNameSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "host_names",
                columns: table => new
                {
                    host_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_host_names", x => x.host_id);
                    table.ForeignKey(
                        name: "fk_host_names_hosts_host_id",
                        column: x => x.host_id,
                        principalTable: "hosts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_host_names_name",
                table: "host_names",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" })
                .Annotation("Npgsql:StorageParameter:fastupdate", false);

            // The names follow the hosts' rows: written only when a host is added or its name is set, never when a run
            // rewrites the row's standing (the reason this table exists).
            migrationBuilder.Sql("""
                INSERT INTO host_names (host_id, name) SELECT id, name FROM hosts;
                CREATE FUNCTION host_names_follow() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO host_names (host_id, name) VALUES (NEW.id, NEW.name)
                    ON CONFLICT (host_id) DO UPDATE SET name = EXCLUDED.name WHERE host_names.name IS DISTINCT FROM EXCLUDED.name;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER host_names_follow AFTER INSERT OR UPDATE OF name ON hosts
                    FOR EACH ROW EXECUTE FUNCTION host_names_follow();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER host_names_follow ON hosts; DROP FUNCTION host_names_follow();");
            migrationBuilder.DropTable(
                name: "host_names");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
