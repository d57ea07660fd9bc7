-- Messages and announcements show no images: an image in Markdown is now a link to it, so that
-- opening a message makes no reader's browser fetch anything. Text rendered before keeps its
-- words but loses its images.
UPDATE messages SET body_html = regexp_replace(body_html, '<img[^>]*>', '', 'gi') WHERE body_html ~* '<img';
UPDATE announcements SET body_html = regexp_replace(body_html, '<img[^>]*>', '', 'gi') WHERE body_html ~* '<img';
