using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class InventoryAndBackupVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "inventory_captured_at",
                table: "hosts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "inventory_json",
                table: "hosts",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "backup_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    host_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version_identifier = table.Column<string>(type: "text", nullable: false),
                    backup_time = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    backup_target = table.Column<string>(type: "text", nullable: true),
                    can_recover = table.Column<List<string>>(type: "text[]", nullable: false),
                    snapshot_id = table.Column<string>(type: "text", nullable: true),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_backup_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_backup_versions_hosts_host_id",
                        column: x => x.host_id,
                        principalTable: "hosts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_backup_versions_host_id_version_identifier",
                table: "backup_versions",
                columns: new[] { "host_id", "version_identifier" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "backup_versions");

            migrationBuilder.DropColumn(
                name: "inventory_captured_at",
                table: "hosts");

            migrationBuilder.DropColumn(
                name: "inventory_json",
                table: "hosts");
        }
    }
}
