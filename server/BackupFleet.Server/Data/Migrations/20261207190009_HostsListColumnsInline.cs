using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackupFleet.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class HostsListColumnsInline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // HostsInventoryOutOfLine made rows over 256 bytes move their large values out of line, meant for the inventory;
            // but once it was out, a row still over 256 bytes moved its next largest values too, the tags and OS description
            // the fleet list reads: three TOAST buffers per host and value, the list's tag choices took 67 ms for 10,000
            // hosts (8 ms inline). Stored MAIN, these columns stay in the row (compressed if need be) unless it outgrows a
            // page; the inventory still goes out. Rows are rewritten so that values already moved come back.
            migrationBuilder.Sql("""
                ALTER TABLE hosts
                    ALTER COLUMN name SET STORAGE MAIN,
                    ALTER COLUMN agent_version SET STORAGE MAIN,
                    ALTER COLUMN os_description SET STORAGE MAIN,
                    ALTER COLUMN scenario_name SET STORAGE MAIN,
                    ALTER COLUMN connection_id SET STORAGE MAIN,
                    ALTER COLUMN agent_notice SET STORAGE MAIN,
                    ALTER COLUMN tags SET STORAGE MAIN,
                    ALTER COLUMN last_result SET STORAGE MAIN;
                UPDATE hosts SET tags = array_cat(tags, '{}'), os_description = os_description || '', agent_notice = agent_notice || '';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE hosts
                    ALTER COLUMN name SET STORAGE EXTENDED,
                    ALTER COLUMN agent_version SET STORAGE EXTENDED,
                    ALTER COLUMN os_description SET STORAGE EXTENDED,
                    ALTER COLUMN scenario_name SET STORAGE EXTENDED,
                    ALTER COLUMN connection_id SET STORAGE EXTENDED,
                    ALTER COLUMN agent_notice SET STORAGE EXTENDED,
                    ALTER COLUMN tags SET STORAGE EXTENDED,
                    ALTER COLUMN last_result SET STORAGE EXTENDED;
                """);
        }
    }
}
