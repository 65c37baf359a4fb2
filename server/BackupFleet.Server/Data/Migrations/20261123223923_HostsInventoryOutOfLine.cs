using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class HostsInventoryOutOfLine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A host row with its inventory JSON passes PostgreSQL's 2 KB threshold, and was then only squeezed until it fit
            // 2 KB: the table was ten times wider than what the fleet list reads (10,000 hosts: 26 MB scanned per list instead
            // of 2.4 MB). Such rows now put their large values in the TOAST table until they fit 256 bytes. Rows written
            // before move as they are next updated; VACUUM FULL hosts moves them at once.
            migrationBuilder.Sql("ALTER TABLE hosts SET (toast_tuple_target = 256);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE hosts RESET (toast_tuple_target);");
        }
    }
}
