"""The paper twins of every digital route, for one café on A4: a poster with the Wi-Fi and comment-page QR codes,
table tent cards, paper comment cards, vote sheets and note-takers' sheets (`document.printables_pdf`), drawn with
the shared helpers in `layout` that the ballot cards use too. Snapshots in (`snapshot`), bytes out."""
