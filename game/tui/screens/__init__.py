"""The screens of the table: setup, table, curtain, dialogs, game over, help."""
