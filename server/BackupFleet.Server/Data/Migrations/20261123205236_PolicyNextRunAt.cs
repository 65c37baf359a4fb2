using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class PolicyNextRunAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_run_at",
                table: "backup_policies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_backup_policies_next_run_at",
                table: "backup_policies",
                column: "next_run_at",
                filter: "next_run_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_backup_policies_next_run_at",
                table: "backup_policies");

            migrationBuilder.DropColumn(
                name: "next_run_at",
                table: "backup_policies");
        }
    }
}
